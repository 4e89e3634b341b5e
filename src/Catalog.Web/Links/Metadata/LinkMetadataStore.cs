using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Saves metadata changes (from a run or an imported file) in one transaction with what follows from them: links the
/// URL rules left "other" take the kind their metadata shows, the search index is rebuilt so fetched titles and authors
/// are found, and the catalog version goes up so cached pages and API answers are made again.
/// </summary>
public sealed class LinkMetadataStore(CatalogDbContext db, TimeProvider clock, IEnumerable<ICatalogChangeListener> listeners)
{
    public async Task SaveAsync(CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await BetterKindsAsync(ct);
            await SearchIndex.RebuildAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO CatalogState (Id, Version, UpdatedAt) VALUES (1, 1, {Sql.Time(clock.GetUtcNow())})
                ON CONFLICT (Id) DO UPDATE SET Version = Version + 1, UpdatedAt = excluded.UpdatedAt
                """, ct);
            await transaction.CommitAsync(ct);
        }

        foreach (var listener in listeners)
        {
            await listener.CatalogChangedAsync(ct);
        }
    }

    /// <summary>
    /// A link the URL rules left "other" takes the kind its metadata shows; one the rules placed keeps theirs (the
    /// curated table is right more often than a page's og:type).
    /// </summary>
    private async Task BetterKindsAsync(CancellationToken ct)
    {
        var candidates = await db.Links
            .Join(db.LinkMetadata, l => l.Url, m => m.Url, (l, m) => new { l.Id, l.Url, l.Kind, Better = m.Kind })
            .Where(c => c.Better != null && c.Better != c.Kind)
            .ToListAsync(ct);
        foreach (var change in candidates.Where(c => LinkKinds.Classify(c.Url) == LinkKinds.Other).GroupBy(c => c.Better!))
        {
            var ids = change.Select(c => c.Id).ToList();
            await db.Links.Where(l => ids.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Kind, change.Key), ct);
        }
    }
}
