using Catalog.Web.Data;
using Catalog.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Topics;

/// <summary>A topic that an import removed, for its 410 page: where each of its links is listed now, if anywhere.</summary>
public sealed record RemovedTopic(string Title, DateTimeOffset RemovedAt, IReadOnlyList<RemovedTopic.Whereabouts> Links)
{
    /// <param name="LinkId">The link's page, while some topic still lists it.</param>
    public sealed record Whereabouts(string Url, int? LinkId, IReadOnlyList<TopicRef> Topics);

    public static async Task<RemovedTopic> LoadAsync(CatalogDbContext db, SlugRedirect redirect, CancellationToken ct)
    {
        var urls = redirect.LinkUrls.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        var listed = await db.Mentions.Where(m => urls.Contains(m.Link.Url))
            .Select(m => new { m.Link.Url, m.LinkId, m.Topic.SourceId, m.Topic.Position, m.Topic.Slug, m.Topic.Title })
            .ToListAsync(ct);
        var byUrl = listed.OrderBy(l => l.SourceId).ThenBy(l => l.Position).ToLookup(l => l.Url, StringComparer.Ordinal);
        var links = urls.Select(url => new Whereabouts(
                url,
                byUrl[url].Select(l => (int?)l.LinkId).FirstOrDefault(),
                byUrl[url].Select(l => new TopicRef(l.Slug, l.Title)).Distinct().ToList()))
            .ToList();
        return new RemovedTopic(redirect.Title, redirect.CreatedAt, links);
    }
}
