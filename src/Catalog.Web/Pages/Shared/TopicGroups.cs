using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Shared;

/// <summary>
/// The host and kind pages list links grouped by topic, in document order, <see cref="Paging.Size"/> mentions a page
/// (a topic's group may continue on the next page): one query for the counts, one for the page.
/// </summary>
public static class TopicGroups
{
    public sealed record Totals(int Mentions, int Links, int Topics);

    public static async Task<Totals> CountAsync(IQueryable<Mention> mentions, CancellationToken ct)
    {
        var totals = await mentions.GroupBy(m => 1)
            .Select(g => new Totals(g.Count(), g.Select(m => m.LinkId).Distinct().Count(), g.Select(m => m.TopicId).Distinct().Count()))
            .SingleOrDefaultAsync(ct);
        return totals ?? new Totals(0, 0, 0);
    }

    public static async Task<List<TopicGroup>> LoadAsync(IQueryable<Mention> mentions, Paging paging, CancellationToken ct)
    {
        var rows = await mentions
            .OrderBy(m => m.Topic.SourceId).ThenBy(m => m.Topic.Position).ThenBy(m => m.Position)
            .Skip(paging.Skip).Take(Paging.Size)
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
