using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Saves metadata changes (from a run or an imported file) in one transaction with what follows from them: links the
/// URL rules left "other" take the kind their metadata shows, the search documents of the links whose fetched text
/// changed are replaced so fetched titles and authors are found, and the catalog version goes up so cached pages and
/// API answers are made again.
/// </summary>
public sealed class LinkMetadataStore(CatalogDbContext db, TimeProvider clock, IEnumerable<ICatalogChangeListener> listeners)
{
    // What SearchDocuments indexes of a row; a row is indexed at all once FetchedAt is set.
    private static readonly string[] s_indexed =
        [nameof(LinkMetadataRow.Title), nameof(LinkMetadataRow.Authors), nameof(LinkMetadataRow.Venue), nameof(LinkMetadataRow.Abstract)];

    public async Task SaveAsync(CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = ChangedText();
            await db.SaveChangesAsync(ct);
            await BetterKindsAsync(ct);
            await IndexAsync(changed, transaction.GetDbTransaction(), ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CatalogState" ("Id", "Version", "UpdatedAt") VALUES (1, 1, {clock.GetUtcNow()})
                ON CONFLICT ("Id") DO UPDATE SET "Version" = "CatalogState"."Version" + 1, "UpdatedAt" = excluded."UpdatedAt"
                """, ct);
            await transaction.CommitAsync(ct);
        }

        foreach (var listener in listeners)
        {
            await listener.CatalogChangedAsync(ct);
        }
    }

    // Only the links whose indexed text changed: a run that learns little rewrites little (tests/Catalog.Benchmarks,
    // "link-meta"). When most links changed (a first run, a file loaded) the whole index is made again, which leaves
    // it merged into one segment per index.
    private async Task IndexAsync(List<string> changed, System.Data.Common.DbTransaction transaction, CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        if (changed.Count * 2 > await db.Links.CountAsync(ct))
        {
            await SearchIndex.RebuildAsync(connection, transaction, ct);
        }
        else
        {
            await SearchIndex.UpdateLinksAsync(connection, transaction, changed, ct);
        }
    }

    private List<string> ChangedText() => db.ChangeTracker.Entries<LinkMetadataRow>()
        .Where(e => e.State switch
        {
            EntityState.Added => e.Entity.FetchedAt is not null,
            EntityState.Modified => s_indexed.Any(p => e.Property(p).IsModified)
                || (e.Property(r => r.FetchedAt).OriginalValue is null && e.Entity.FetchedAt is not null),
            EntityState.Deleted => true,
            _ => false,
        })
        .Select(e => e.Entity.Url)
        .ToList();

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
