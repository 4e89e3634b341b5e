using Catalog.Web.Data;
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

    /// <summary>The other links of the catalog that are the same work (same arXiv id or DOI).</summary>
    public async Task<List<(int Id, string Url)>> SameWorkAsync(string url, string? canonicalId, CancellationToken ct = default)
    {
        if (canonicalId is null)
        {
            return [];
        }

        var urls = db.LinkMetadata.Where(r => r.CanonicalId == canonicalId && r.Url != url).Select(r => r.Url);
        return (await db.Links.Where(l => urls.Contains(l.Url)).OrderBy(l => l.Url).Select(l => new { l.Id, l.Url }).ToListAsync(ct))
            .Select(l => (l.Id, l.Url)).ToList();
    }
}
