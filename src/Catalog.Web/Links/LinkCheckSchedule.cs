using Catalog.Web.Data;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Links;

/// <summary>
/// Checks the links that are due every <see cref="LinkOptions.CheckInterval"/> in the server. Off at zero, and off in
/// Development and Testing unless the interval is configured, so a developer's machine never checks by surprise.
/// </summary>
public sealed class LinkCheckSchedule(
    LinkCheckRunner runner,
    IServiceScopeFactory scopes,
    IOptions<LinkOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<LinkCheckSchedule> logger) : BackgroundService
{
    /// <summary>A never-checked catalog's first run waits this long after start-up (or the interval, if shorter).</summary>
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(5);

    /// <summary>After a refused or failed run, the schedule tries again this much later.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);

    public static bool IsOn(TimeSpan interval, bool configured, bool production) => interval > TimeSpan.Zero && (configured || production);

    /// <summary>When the next scheduled run starts: an interval after the last one ended, or soon after start-up.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset? lastFinished, DateTimeOffset startedAt, TimeSpan interval) =>
        lastFinished is { } last ? last + interval : startedAt + (interval < FirstRunDelay ? interval : FirstRunDelay);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckInterval;
        var configured = configuration[$"{LinkOptions.Section}:{nameof(LinkOptions.CheckInterval)}"] is not null;
        if (!IsOn(interval, configured, environment.IsProduction()))
        {
            logger.LogInformation("Scheduled link checks are off");
            return;
        }

        var startedAt = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? last;
            await using (var scope = scopes.CreateAsyncScope())
            {
                last = (await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().ReadProgressAsync(clock.GetUtcNow(), stoppingToken)).LastFinishedAt;
            }

            var wait = NextRun(last, startedAt, interval) - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
                continue; // another process may have run a check meanwhile
            }

            if (!await RunAsync(stoppingToken))
            {
                await Task.Delay(RetryDelay < interval ? RetryDelay : interval, clock, stoppingToken);
            }
        }
    }

    private async Task<bool> RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await runner.RunAsync(new LinkCheckRequest(OnlyDue: true), "schedule", null, stoppingToken) is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Scheduled link check failed; trying again in {Delay}", RetryDelay);
            return false;
        }
    }
}
