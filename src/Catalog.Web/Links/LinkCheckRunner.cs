using Catalog.Web.Data;
using Catalog.Web.Links.Metadata;

namespace Catalog.Web.Links;

/// <summary>
/// Runs a check under the lease, for the CLI, the admin page and the schedule alike: a second run while one is under
/// way anywhere on the catalog is refused (null), and the run's progress is written where every process can read it.
/// A check then fetches link metadata (Links/Metadata) under the same lease; `links meta` takes the lease for that alone.
/// </summary>
public sealed class LinkCheckRunner(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<LinkCheckRunner> logger)
{
    private static readonly TimeSpan s_progressEvery = TimeSpan.FromSeconds(1);

    /// <summary>The run this process started in the background, if any (the admin page's; tests await it).</summary>
    public Task<LinkCheckSummary?> Background { get; private set; } = Task.FromResult<LinkCheckSummary?>(null);

    /// <summary>Checks now and returns the counts, or null when another run holds the lease.</summary>
    public async Task<LinkCheckSummary?> RunAsync(LinkCheckRequest request, string role, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var holder = Leases.HolderName(role);
        if (!await AcquireAsync(holder, ct))
        {
            return null;
        }

        return await RunHeldAsync(request, holder, progress, ct);
    }

    /// <summary>Takes the lease and runs in the background until done or the app stops; false when a run is under way.</summary>
    public async Task<bool> TryStartAsync(LinkCheckRequest request, string role, CancellationToken ct)
    {
        var holder = Leases.HolderName(role);
        if (!await AcquireAsync(holder, ct))
        {
            return false;
        }

        Background = Task.Run(() => RunHeldAsync(request, holder, null, lifetime.ApplicationStopping), CancellationToken.None);
        return true;
    }

    /// <summary>Fetches link metadata alone (`links meta`) under the same lease; null when another run holds it.</summary>
    public async Task<LinkMetadataSummary?> RunMetadataAsync(string? host, string role, CancellationToken ct)
    {
        var holder = Leases.HolderName(role);
        if (!await AcquireAsync(holder, ct))
        {
            return null;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = BeatAsync(holder, new RunCounts(), stop.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LinkMetadataRun>().RunAsync(host, ct);
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat;

            // Without a check's counts: the admin page's "last run" stays the last check.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().ReleaseAsync(holder, null, clock.GetUtcNow(), CancellationToken.None);
        }
    }

    private async Task<bool> AcquireAsync(string holder, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var taken = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().TryAcquireAsync(holder, clock.GetUtcNow(), ct);
        if (!taken)
        {
            logger.LogInformation("A link check is already under way; {Holder} did not start one", holder);
        }

        return taken;
    }

    private async Task<LinkCheckSummary?> RunHeldAsync(LinkCheckRequest request, string holder, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var counts = new RunCounts();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = BeatAsync(holder, counts, stop.Token);
        LinkCheckSummary? summary = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var checker = scope.ServiceProvider.GetRequiredService<LinkChecker>();
            summary = await checker.RunAsync(request, new Both(counts, progress), ct);
            if (request.Host is null && !summary.Inconclusive)
            {
                // A run over the whole catalog (scheduled ones too) also keeps the figures not kept yet, through the
                // same door and under the same lease; kept ones are never fetched again.
                await scope.ServiceProvider.GetRequiredService<FigureKeeper>().KeepAsync(ct);
            }

            if (!summary.Inconclusive)
            {
                // The CLI, the admin page and the schedule refresh what the links are with their health, under the
                // same lease; a machine without network (inconclusive) would only record failures.
                summary = summary with { Metadata = await MetadataAsync(scope.ServiceProvider, request, holder, ct) };
            }

            return summary;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Link check by {Holder} failed", holder);
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().ReleaseAsync(holder, summary, clock.GetUtcNow(), CancellationToken.None);
        }
    }

    // The health just recorded is kept whatever happens to the metadata step.
    private async Task<LinkMetadataSummary?> MetadataAsync(IServiceProvider services, LinkCheckRequest request, string holder, CancellationToken ct)
    {
        try
        {
            return await services.GetRequiredService<LinkMetadataRun>().RunAsync(request.Host, request.OnlyDue, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Link metadata after the check by {Holder} failed", holder);
            return null;
        }
    }

    // Its own context: the checker's is busy on another thread. Renewing also keeps the lease from running out.
    private async Task BeatAsync(string holder, RunCounts counts, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(s_progressEvery, clock);
            while (await timer.WaitForNextTickAsync(ct))
            {
                await using var scope = scopes.CreateAsyncScope();
                var (done, total) = counts.Read();
                await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().RenewAsync(holder, done, total, clock.GetUtcNow(), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private sealed class RunCounts : IProgress<(int Done, int Total)>
    {
        private long _packed;

        public void Report((int Done, int Total) value) => Interlocked.Exchange(ref _packed, ((long)value.Total << 32) | (uint)value.Done);

        public (int Done, int Total) Read()
        {
            var packed = Interlocked.Read(ref _packed);
            return ((int)(packed & 0xffffffff), (int)(packed >> 32));
        }
    }

    private sealed class Both(RunCounts counts, IProgress<(int Done, int Total)>? outer) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            counts.Report(value);
            outer?.Report(value);
        }
    }
}
