using System.Data.Common;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Web;

/// <summary>
/// Polls CatalogState.Version (one indexed single-row read) so that an import done anywhere, including the CLI in
/// another process or another instance on the same PostgreSQL database, reaches this server within a poll: the new
/// version changes ETags and cache keys, and the cached pages of the old version are evicted. Polling works the same
/// on both providers; LISTEN/NOTIFY would only shorten a delay already below the second the issue allows.
/// </summary>
public sealed class CatalogVersionWatcher(
    IServiceScopeFactory scopes,
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

    private async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var state = await db.CatalogState.Where(s => s.Id == 1).Select(s => new { s.Version, s.UpdatedAt }).SingleOrDefaultAsync(ct);
        if (state is null || state.Version == version.Current.Version)
        {
            return;
        }

        var sources = await db.Sources.OrderBy(s => s.Name).Select(s => new SourceStamp(s.Name, s.ImportedAt)).ToListAsync(ct);
        version.Set(new CatalogStamp(state.Version, state.UpdatedAt, sources));
        await cache.EvictByTagAsync(CatalogCache.Tag, ct);
        logger.LogInformation("Catalog version {CatalogVersion} (updated {UpdatedAt:O}); cached pages evicted", state.Version, state.UpdatedAt);
    }
}
