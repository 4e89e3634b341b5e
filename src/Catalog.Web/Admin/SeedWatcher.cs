using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading.Channels;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Admin;

/// <summary>
/// Watch mode (<c>Catalog:WatchSeeds=true</c>): a seed file that changes in the seeds folder is re-imported through
/// the same import service, one file at a time. Editors save in several steps, so a file is imported once it has been
/// quiet for <see cref="Debounce"/>. A deleted file is not removed from the catalog.
/// One instance of the site watches at a time: the one holding the "seeds" lease (Data/Leases.cs), renewed every third
/// of <c>Catalog:SeedWatchLease</c>; the others try to take it as often, so when the watcher dies another takes over
/// and first imports what changed while nobody watched.
/// </summary>
public sealed class SeedWatcher(IServiceScopeFactory scopes, IOptions<CatalogOptions> options, TimeProvider clock, ILogger<SeedWatcher> logger)
    : BackgroundService
{
    public const string LeaseName = "seeds";

    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly Channel<(string Path, bool CatchUp)> _changed = Channel.CreateUnbounded<(string Path, bool CatchUp)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, ITimer> _quiet = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this instance watches the seeds folder (never, when watch mode is off or another watches).</summary>
    public Task Watching => _watching.Task;

    /// <summary>This instance's name in the lease row.</summary>
    public string Holder { get; } = Leases.HolderName("seed watcher");

    private TimeSpan Lease => options.Value.SeedWatchLease;

    private TimeSpan Every => options.Value.SeedWatchLease / 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seeds = options.Value.SeedsPath;
        if (!options.Value.WatchSeeds)
        {
            return;
        }

        if (!Directory.Exists(seeds))
        {
            logger.LogWarning("Watch mode is on but the seeds folder {SeedsPath} does not exist; nothing is watched", seeds);
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await LeaseAsync((db, now, ct) => db.TryTakeLeaseAsync(LeaseName, Holder, now, Lease, ct), stoppingToken) == true)
                {
                    await WatchWhileHeldAsync(seeds, stoppingToken);
                }

                await Task.Delay(Every, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            // Given back at once, so that another instance need not wait for it to run out.
            await LeaseAsync(async (db, _, ct) => await db.ReleaseLeaseAsync(LeaseName, Holder, ct), CancellationToken.None);
        }
    }

    private async Task WatchWhileHeldAsync(string seeds, CancellationToken stoppingToken)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var watcher = new FileSystemWatcher(seeds, "*.md")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, e) => Touch(e.FullPath);
        watcher.Created += (_, e) => Touch(e.FullPath);
        watcher.Renamed += (_, e) => Touch(e.FullPath);
        watcher.Error += (_, e) => logger.LogError(e.GetException(), "Watching {SeedsPath} failed; changes may be missed", seeds);
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching {SeedsPath} for changed seed files as {Holder}", seeds, Holder);
        _watching.TrySetResult();

        // What changed while no instance watched (the last watcher died, or none ran): only files written since
        // their source's last import, so that an upload on the admin page is not undone by an older file.
        foreach (var path in Directory.EnumerateFiles(seeds, "*.md").Order(StringComparer.Ordinal))
        {
            _changed.Writer.TryWrite((path, true));
        }

        var renewing = RenewWhileHeldAsync(held);
        try
        {
            await foreach (var (path, catchUp) in _changed.Reader.ReadAllAsync(held.Token))
            {
                await ImportAsync(path, catchUp, held.Token);
            }
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
            // The lease was lost, or the host is stopping.
        }
        finally
        {
            await held.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewWhileHeldAsync(CancellationTokenSource held)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Every, clock, held.Token);
                // A database error (SQLite busy with a long import) is not a loss: the next turn renews.
                if (await LeaseAsync((db, now, ct) => db.RenewLeaseAsync(LeaseName, Holder, now, Lease, ct), held.Token) == false)
                {
                    logger.LogWarning("{Holder} lost the seed watch (its lease ran out); another instance watches now", Holder);
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped watching.
        }
    }

    // A database that cannot be reached must not stop the site: null, and the next turn tries again.
    private async Task<bool?> LeaseAsync(Func<CatalogDbContext, DateTimeOffset, CancellationToken, Task<bool>> step, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await step(scope.ServiceProvider.GetRequiredService<CatalogDbContext>(), clock.GetUtcNow(), ct);
        }
        catch (DbException e)
        {
            logger.LogWarning("The seed watch lease could not be read or written: {Reason}", e.Message);
            return null;
        }
    }

    public override void Dispose()
    {
        foreach (var timer in _quiet.Values)
        {
            timer.Dispose();
        }

        base.Dispose();
    }

    // Every event restarts the file's quiet period; when it ends the file is queued for import.
    private void Touch(string path) => _quiet.AddOrUpdate(
        path,
        p => clock.CreateTimer(_ => Quiet(p), null, Debounce, Timeout.InfiniteTimeSpan),
        (_, timer) =>
        {
            timer.Change(Debounce, Timeout.InfiniteTimeSpan);
            return timer;
        });

    private void Quiet(string path)
    {
        if (_quiet.TryRemove(path, out var timer))
        {
            timer.Dispose();
            _changed.Writer.TryWrite((path, false));
        }
    }

    private async Task ImportAsync(string path, bool catchUp, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            logger.LogInformation("Seed {SeedPath} was deleted or renamed away; the catalog keeps its topics", path);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        try
        {
            // Asked before the file is read: a takeover goes through every seed, and most were not written since.
            var name = Path.GetFileName(path);
            if (catchUp && await db.ImportRuns.Where(r => r.SourceName == name).OrderByDescending(r => r.Id).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(ct) is { } last
                && File.GetLastWriteTimeUtc(path) <= last.UtcDateTime)
            {
                logger.LogDebug("Seed {SeedPath} has not been written since its source was last imported", path);
                return;
            }

            var file = await SeedFile.ReadAsync(path, options.Value.MaxSeedBytes, ct);
            if (await db.Sources.AnyAsync(s => s.Name == file.Name && s.Sha256 == file.Sha256, ct))
            {
                logger.LogDebug("Seed {SeedPath} changed on disk but its content is the version already imported", path);
                return;
            }

            var report = await scope.ServiceProvider.GetRequiredService<CatalogImporter>()
                .ImportAsync(new ImportRequest(file, User: "watch"), ct);
            logger.LogInformation(
                "Watch mode re-imported {SeedPath}: topics +{TopicsAdded} -{TopicsRemoved} renamed {TopicsRenamed}; links +{LinksAdded} -{LinksRemoved} changed {LinksChanged}",
                path, report.Diff.TopicsAdded.Count, report.Diff.TopicsRemoved.Count, report.Diff.TopicsRenamed.Count,
                report.Diff.LinksAdded, report.Diff.LinksRemoved, report.Diff.LinksChanged);
        }
        catch (SeedFileException e)
        {
            logger.LogError("Watch mode did not import {SeedPath}: {Reason}", path, e.Message);
        }
        catch (ImportNeedsConfirmationException e)
        {
            logger.LogWarning("Watch mode did not import {SeedPath}: {Reason} Apply it from /admin/import or with the import command and --yes", path, e.Message);
        }
        catch (ImportBusyException e)
        {
            logger.LogWarning("Watch mode did not import {SeedPath}: {Reason}", path, e.Message);
        }
        catch (DbException e)
        {
            // A busy or broken database must not stop the site: this change is lost, the next one is tried.
            logger.LogError(e, "Watch mode could not import {SeedPath}", path);
        }
        catch (IOException e)
        {
            // Still being written, or locked by the editor: the next change event brings it back.
            logger.LogWarning("Watch mode could not read {SeedPath}: {Reason}", path, e.Message);
        }
    }
}
