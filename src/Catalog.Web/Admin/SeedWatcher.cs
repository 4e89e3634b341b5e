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
/// </summary>
public sealed class SeedWatcher(IServiceScopeFactory scopes, IOptions<CatalogOptions> options, TimeProvider clock, ILogger<SeedWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly Channel<string> _changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, ITimer> _quiet = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once changes in the seeds folder are being watched (never, when watch mode is off).</summary>
    public Task Watching => _watching.Task;

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

        using var watcher = new FileSystemWatcher(seeds, "*.md")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, e) => Touch(e.FullPath);
        watcher.Created += (_, e) => Touch(e.FullPath);
        watcher.Renamed += (_, e) => Touch(e.FullPath);
        watcher.Error += (_, e) => logger.LogError(e.GetException(), "Watching {SeedsPath} failed; changes may be missed", seeds);
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching {SeedsPath} for changed seed files", seeds);
        _watching.TrySetResult();

        try
        {
            await foreach (var path in _changed.Reader.ReadAllAsync(stoppingToken))
            {
                await ImportAsync(path, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
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
            _changed.Writer.TryWrite(path);
        }
    }

    private async Task ImportAsync(string path, CancellationToken ct)
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
