using Catalog.Web.Data;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages;

/// <summary>
/// What the not-found page offers, read once per catalog version: the topics it suggests from
/// (<see cref="TopicSuggestions"/>) and the top of the tree for an address that comes close to none. A miss then reads
/// nothing from the database.
/// </summary>
public sealed class NotFoundTopics(CatalogVersion version) : IDisposable
{
    private readonly PerVersion<Entry> _current = new(version);

    /// <param name="db">Read only when the catalog's version has changed since the last read.</param>
    public Task<Entry> CurrentAsync(CatalogDbContext db, int roots, CancellationToken ct) =>
        _current.GetAsync(async (wanted, ct) =>
        {
            var topics = await db.Topics.OrderBy(t => t.SourceId).ThenBy(t => t.Position)
                .Select(t => new { t.ParentId, Ref = new TopicRef(t.Slug, t.Title) }).ToListAsync(ct);
            var top = topics.Where(t => t.ParentId == null).Select(t => t.Ref).ToList();
            return new Entry(
                wanted,
                new TopicSuggestions(topics.Select(t => t.Ref)),

                // One root stands for the whole tree: its first topics below it say more.
                top.Count == 1 ? [.. topics.Take(roots + 1).Select(t => t.Ref)] : top);
        }, ct);

    public void Dispose() => _current.Dispose();

    public sealed record Entry(long Version, TopicSuggestions Suggestions, List<TopicRef> Roots);
}
