using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Shared;

/// <summary>The host and kind pages list links grouped by topic, in document order: one query for both.</summary>
public static class TopicGroups
{
    public static async Task<List<TopicGroup>> LoadAsync(IQueryable<Mention> mentions, CancellationToken ct)
    {
        var rows = await mentions
            .OrderBy(m => m.Topic.SourceId).ThenBy(m => m.Topic.Position).ThenBy(m => m.Position)
            .Select(m => new
            {
                m.Topic.Slug,
                m.Topic.Title,
                Link = new LinkRow(m.LinkId, m.Link.Url, m.Label, m.Link.Host, m.Link.Kind, m.Place),
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Slug)
            .Select(g => new TopicGroup(new TopicRef(g.Key, g.First().Title), g.Select(r => r.Link).ToList()))
            .ToList();
    }
}
