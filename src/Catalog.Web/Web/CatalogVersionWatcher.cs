using System.Data.Common;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.Web.Web;

/// <summary>
/// Polls CatalogState.Version (one indexed single-row read) so that an import done anywhere, including the CLI in
/// another process or another instance on the same PostgreSQL database, reaches this server within a poll: the new
/// version changes ETags and cache keys, and the cached pages of the old version are evicted. Polling works the same
/// on both providers; LISTEN/NOTIFY would only shorten a delay already below the second the issue allows.
/// </summary>
public sealed class CatalogVersionWatcher(
    CatalogDatabase database,
    CatalogVersion version,
    IOutputCacheStore cache,
    TimeProvider clock,
    ILogger<CatalogVersionWatcher> logger) : BackgroundService, ICatalogChangeListener
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (DbException e)
                {
                    // A locked or briefly missing database must not stop the site; the next tick tries again.
                    logger.LogWarning(e, "Could not read the catalog version");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A host that failed to start (a taken port) is disposed without stopping: not an error of this service.
        }
    }

    /// <summary>
    /// An import in this process committed, or the server is about to listen (the last step of
    /// <see cref="CatalogStartup"/>, so the first response already carries the real version): the next request sees it.
    /// </summary>
    public Task CatalogChangedAsync(CancellationToken ct) => RefreshAsync(ct);

    // Plain SQL on a connection of its own, without EF Core: the first read is the start-up sequence's last step, where
    // EF Core's first query compilation would hold back the moment the server listens, and the polls that follow
    // need no scope, context or change tracker either.
    private async Task RefreshAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var states = await connection.ListAsync("""SELECT "Version", "UpdatedAt" FROM "CatalogState" WHERE "Id" = 1""",
            r => (Version: r.GetInt64(0), UpdatedAt: r.GetFieldValue<DateTimeOffset>(1)), ct);
        if (states is not [var state] || state.Version == version.Current.Version)
        {
            return;
        }

        var sources = await connection.ListAsync("""SELECT "Name", "ImportedAt" FROM "Sources" ORDER BY "Name" """,
            r => new SourceStamp(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)), ct);
        version.Set(new CatalogStamp(state.Version, state.UpdatedAt, sources));
        await cache.EvictByTagAsync(CatalogCache.Tag, ct);
        logger.LogInformation("Catalog version {CatalogVersion} (updated {UpdatedAt:O}); cached pages evicted", state.Version, state.UpdatedAt);
    }
}
