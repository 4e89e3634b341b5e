using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Search.Semantic;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Links;

/// <summary>/links/{id}: one URL, every topic that mentions it, and its neighbours by host and by topic.</summary>
[CatalogPage]
[CacheQuery]
public sealed class LinkModel(CatalogDbContext db, SemanticRanking semantic) : PageModel, ICatalogItemPage
{
    public const int RelatedCount = 10;

    /// <summary>Checks shown, latest first; a weekly schedule fills this in a year.</summary>
    public const int HistoryCount = 50;

    public sealed record LinkView(int Id, string Url, string Host, string Kind);

    /// <summary>One check of this URL; an inconclusive run's check is shown but was never counted.</summary>
    public sealed record CheckView(DateTimeOffset CheckedAt, string Status, int? HttpStatus, string? FinalUrl, string? Reason, bool Inconclusive);

    public sealed record MentionView(TopicRef Topic, string Label, string? Context, LinkPlace Place);

    public LinkView Link { get; private set; } = null!;

    public List<MentionView> Mentions { get; private set; } = [];

    public LinkHealthView Health { get; private set; } = LinkHealthView.Unchecked;

    public List<CheckView> History { get; private set; } = [];

    public List<LinkRow> SameHost { get; private set; } = [];

    public List<LinkRow> SameTopics { get; private set; } = [];

    /// <summary>The links closest in meaning (Search/Semantic), whatever topic lists them; empty while semantic search is off or not ready.</summary>
    public List<LinkRow> Similar { get; private set; } = [];

    /// <summary>What the catalog calls this link: its first list label; a quote's text is too long for a title.</summary>
    public string Title => Mentions.FirstOrDefault(m => m.Place != LinkPlace.Quote)?.Label ?? Link.Url;

    /// <summary>Bare links are labelled by their URL: such a title is set smaller so that it wraps well.</summary>
    public bool TitleIsUrl => Urls.IsResource(Title);

    public async Task<bool> ExistsAsync(CancellationToken ct) =>
        int.TryParse(RouteData.Values["id"] as string, System.Globalization.CultureInfo.InvariantCulture, out var id)
        && await db.Links.AnyAsync(l => l.Id == id, ct);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await (
                from l in db.Links.Where(l => l.Id == id)
                join h in db.LinkHealth on l.Url equals h.Url into health
                from h in health.DefaultIfEmpty()
                select new { Link = new LinkView(l.Id, l.Url, l.Host, l.Kind), Health = h })
            .AsNoTracking().SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return NotFound();
        }

        var link = found.Link;
        Link = link;
        Health = LinkHealthView.Of(found.Health);
        // Latest first by insertion order: checks are appended as they happen.
        History = await db.LinkChecks.Where(c => c.Url == link.Url).OrderByDescending(c => c.Id).Take(HistoryCount)
            .Select(c => new CheckView(c.CheckedAt, c.Status, c.HttpStatus, c.FinalUrl, c.Reason, c.Inconclusive))
            .ToListAsync(ct);
        Mentions = await db.Mentions.Where(m => m.LinkId == id)
            .OrderBy(m => m.Topic.SourceId).ThenBy(m => m.Topic.Position).ThenBy(m => m.Position)
            .Select(m => new MentionView(new TopicRef(m.Topic.Slug, m.Topic.Title), m.Label, m.Context, m.Place))
            .ToListAsync(ct);
        SameHost = await Rows(db.Links.Where(l => l.Host == link.Host && l.Id != id).OrderBy(l => l.Url)).Take(RelatedCount).ToListAsync(ct);

        // Links sharing the most topics with this one first; other hosts only, the same host has its own list.
        // Driven from this link's topics' mentions (the TopicId index), not from every link of the catalog: a
        // correlated "any mention in these topics" over Links scanned the whole table (tests/Catalog.Benchmarks/README.md,
        // "Changes made for the targets", the row on "also in" and "related").
        var topics = db.Mentions.Where(m => m.LinkId == id).Select(m => m.TopicId);
        var neighbours = await db.Mentions.Where(m => topics.Contains(m.TopicId) && m.LinkId != id && m.Link.Host != link.Host)
            .GroupBy(m => m.LinkId)
            .Select(g => new { LinkId = g.Key, Shared = g.Select(m => m.TopicId).Distinct().Count(), First = g.Min(m => m.Id) })
            .OrderByDescending(n => n.Shared).ThenBy(n => n.First)
            .Take(RelatedCount)
            .Select(n => n.LinkId)
            .ToListAsync(ct);
        var rows = await Rows(db.Links.Where(l => neighbours.Contains(l.Id))).ToListAsync(ct);
        SameTopics = [.. rows.OrderBy(r => neighbours.IndexOf(r.Id))];

        var similar = semantic.SimilarLinks(id, RelatedCount).Select(i => (int)i).ToList();
        if (similar.Count > 0)
        {
            var similarRows = await Rows(db.Links.Where(l => similar.Contains(l.Id))).ToListAsync(ct);
            Similar = [.. similarRows.OrderBy(r => similar.IndexOf(r.Id))];
        }

        return Page();
    }

    // A link's label outside a topic: its first list mention's, else its first mention's.
    private static IQueryable<LinkRow> Rows(IQueryable<Link> links) => links.Select(l => new LinkRow(
        l.Id,
        l.Url,
        l.Mentions.OrderBy(m => m.Place == LinkPlace.Quote).ThenBy(m => m.Id).Select(m => m.Label).First(),
        l.Host,
        l.Kind,
        LinkPlace.List));
}
