using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Links;

/// <summary>When each link entered the catalog, as near as the import history tells.</summary>
public static class LinkEntryDates
{
    /// <summary>
    /// The first successful import of a seed file that lists the URL. A link added to a file later gets that file's
    /// first date, which only moves the archive's answer to an earlier copy, still taken while the file was curated.
    /// </summary>
    public static async Task<Dictionary<string, DateTimeOffset>> EnteredAtAsync(
        this CatalogDbContext db, IReadOnlyCollection<string> urls, CancellationToken ct)
    {
        var sources = await db.Mentions.Where(m => urls.Contains(m.Link.Url))
            .Select(m => new { m.Link.Url, Source = m.Topic.Source.Name, m.Topic.Source.ImportedAt })
            .Distinct().ToListAsync(ct);
        var names = sources.Select(s => s.Source).Distinct().ToList();
        var firstRuns = (await db.ImportRuns.Where(r => names.Contains(r.SourceName) && r.Status == ImportStatus.Succeeded)
                .Select(r => new { r.SourceName, r.StartedAt }).ToListAsync(ct))
            .GroupBy(r => r.SourceName)
            .ToDictionary(g => g.Key, g => g.Min(r => r.StartedAt));
        return sources.GroupBy(s => s.Url).ToDictionary(
            g => g.Key,
            g => g.Min(s => firstRuns.TryGetValue(s.Source, out var first) ? first : s.ImportedAt));
    }

    public static DateTimeOffset Of(this Dictionary<string, DateTimeOffset> entered, string url, DateTimeOffset fallback) =>
        entered.TryGetValue(url, out var at) ? at : fallback;
}
