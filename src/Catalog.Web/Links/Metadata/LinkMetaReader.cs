using Catalog.Web.Data;
using Catalog.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Reads stored metadata for the pages and the API, once per URL per request: the link-row partial asks it row by row
/// (a primary-key lookup each), so no page model has to gather metadata for the rows it lists.
/// </summary>
public sealed class LinkMetaReader(CatalogDbContext db)
{
    private readonly Dictionary<string, LinkMeta?> _read = new(StringComparer.Ordinal);

    public async Task<LinkMeta?> ForUrlAsync(string url, CancellationToken ct = default)
    {
        if (!_read.TryGetValue(url, out var meta))
        {
            var row = await db.LinkMetadata.AsNoTracking().FirstOrDefaultAsync(r => r.Url == url, ct);
            _read[url] = meta = row is null ? null : LinkMeta.From(row);
        }

        return meta;
    }

    public async Task<Dictionary<string, LinkMeta>> ForUrlsAsync(IEnumerable<string> urls, CancellationToken ct = default)
    {
        // One query whatever the count: EF sends the list as one JSON parameter, not a SQL variable per URL.
        var wanted = urls.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.LinkMetadata.AsNoTracking().Where(r => wanted.Contains(r.Url)).ToListAsync(ct);
        var found = rows.ToDictionary(r => r.Url, LinkMeta.From, StringComparer.Ordinal);
        foreach (var url in wanted)
        {
            _read[url] = found.GetValueOrDefault(url);
        }

        return found;
    }

    /// <summary>
    /// The other links of the catalog that are the same work (same arXiv id or DOI, known from the URL before anything
    /// is fetched), each with the topics that list it: one query for every link, a work or not.
    /// </summary>
    public async Task<List<SameWorkLink>> SameWorkAsync(string url, string? canonicalId, CancellationToken ct = default)
    {
        canonicalId ??= CanonicalId.FromUrl(url);
        var stored = db.LinkMetadata.Where(r => r.Url == url && r.CanonicalId != null).Select(r => r.CanonicalId);
        var urls = db.LinkMetadata.Where(r => r.Url != url && r.CanonicalId != null && (r.CanonicalId == canonicalId || stored.Contains(r.CanonicalId)))
            .Select(r => r.Url);
        var mentions = await db.Mentions.Where(m => urls.Contains(m.Link.Url))
            .Select(m => new { m.LinkId, m.Link.Url, m.Topic.SourceId, m.Topic.Position, m.Topic.Slug, m.Topic.Title })
            .ToListAsync(ct);
        return mentions.GroupBy(m => (m.LinkId, m.Url)).OrderBy(g => g.Key.Url, StringComparer.Ordinal)
            .Select(g => new SameWorkLink(g.Key.LinkId, g.Key.Url,
                [.. g.OrderBy(m => m.SourceId).ThenBy(m => m.Position).Select(m => new TopicRef(m.Slug, m.Title)).Distinct()]))
            .ToList();
    }
}

/// <summary>Another URL of the same work, and the topics that list it.</summary>
public sealed record SameWorkLink(int Id, string Url, IReadOnlyList<TopicRef> Topics);
