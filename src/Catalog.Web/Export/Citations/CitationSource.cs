using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Export.Citations;

/// <summary>
/// The works to cite for a link, a topic or a search result list, read from the catalog. Link metadata, once it lands,
/// joins here (<see cref="CitationWork.Metadata"/>); nothing else changes.
/// </summary>
public static class CitationSource
{
    public static async Task<CitationWork?> LinkAsync(CatalogDbContext db, int id, CancellationToken ct) =>
        (await WorksAsync(db, [id], ct)).SingleOrDefault();

    /// <returns>Null when no topic has the slug.</returns>
    public static async Task<List<CitationWork>?> TopicAsync(CatalogDbContext db, string slug, CancellationToken ct)
    {
        var topicId = await db.Topics.Where(t => t.Slug == slug).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct);
        if (topicId is null)
        {
            return null;
        }

        var ids = await db.Mentions.Where(m => m.TopicId == topicId).OrderBy(m => m.Position).Select(m => m.LinkId).ToListAsync(ct);
        return await WorksAsync(db, ids.Distinct().ToList(), ct);
    }

    /// <summary>Every link, in the order the catalog first lists it.</summary>
    public static async Task<List<CitationWork>> CatalogAsync(CatalogDbContext db, CancellationToken ct)
    {
        var ids = await db.Mentions.OrderBy(m => m.Topic.SourceId).ThenBy(m => m.Topic.Position).ThenBy(m => m.Position)
            .Select(m => m.LinkId).ToListAsync(ct);
        return await WorksAsync(db, ids.Distinct().ToList(), ct);
    }

    public static async Task<List<CitationWork>> UrlsAsync(CatalogDbContext db, IReadOnlyList<string> urls, CancellationToken ct)
    {
        var ids = await db.Links.Where(l => urls.Contains(l.Url)).Select(l => new { l.Id, l.Url }).ToDictionaryAsync(l => l.Url, l => l.Id, ct);
        return await WorksAsync(db, urls.Where(ids.ContainsKey).Select(u => ids[u]).ToList(), ct);
    }

    /// <summary>In the order of <paramref name="ids"/>.</summary>
    private static async Task<List<CitationWork>> WorksAsync(CatalogDbContext db, List<int> ids, CancellationToken ct)
    {
        var links = await db.Links.Where(l => ids.Contains(l.Id)).Select(l => new { l.Id, l.Url, l.Kind }).ToDictionaryAsync(l => l.Id, ct);
        var mentions = (await db.Mentions.Where(m => ids.Contains(m.LinkId))
                .OrderBy(m => m.Topic.SourceId).ThenBy(m => m.Topic.Position).ThenBy(m => m.Position)
                .Select(m => new { m.LinkId, m.Label, m.Place, m.Topic.Title })
                .ToListAsync(ct))
            .ToLookup(m => m.LinkId);
        var metadata = await new Links.Metadata.LinkMetaReader(db).ForUrlsAsync(links.Values.Select(l => l.Url), ct);
        return ids.Where(links.ContainsKey).Select(id =>
        {
            var link = links[id];
            var label = mentions[id].FirstOrDefault(m => m.Place != LinkPlace.Quote)?.Label ?? link.Url;
            return new CitationWork(id, label, link.Url, link.Kind, mentions[id].Select(m => m.Title).Distinct().ToList(),
                Citation(metadata.GetValueOrDefault(link.Url)));
        }).ToList();
    }

    private static readonly string[] s_meetingWords = ["Conference", "Workshop", "Symposium", "Advances in Neural Information Processing"];

    /// <summary>What a citation can use of the fetched metadata: authors, year, venue, arXiv id and DOI.</summary>
    private static CitationMetadata? Citation(Links.Metadata.LinkMeta? meta)
    {
        if (meta?.FetchedAt is null)
        {
            return null;
        }

        // A venue named for a meeting is proceedings ("Conference on...", NeurIPS's "Advances in..."); the rest journals.
        var venueKind = meta.Venue is null ? VenueKind.Unknown
            : s_meetingWords.Any(w => meta.Venue.Contains(w, StringComparison.OrdinalIgnoreCase)) ? VenueKind.Proceedings
            : VenueKind.Journal;
        return new CitationMetadata(meta.Title, meta.Authors.Count == 0 ? null : meta.Authors, meta.Year, meta.Venue, venueKind, meta.ArxivId, meta.PrimaryClass, meta.Doi);
    }
}
