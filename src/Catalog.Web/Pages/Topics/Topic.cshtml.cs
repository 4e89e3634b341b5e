using System.Text.RegularExpressions;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Topics;

/// <summary>
/// /topics/{slug}: a fixed handful of queries whatever the topic's size (no query per link or subtopic); its links
/// <see cref="Paging.Size"/> a page.
/// </summary>
[CatalogPage]
[CacheQuery(Paging.Parameter)]
public sealed partial class TopicModel(CatalogDbContext db) : PageModel, ICatalogItemPage
{
    public sealed record TopicView(int Id, int? ParentId, int SourceId, int Position, string Slug, string Title, string IntroHtml);

    public sealed record Subtopic(string Slug, string Title, int Links);

    public sealed record QuoteView(string Text, string Url, int? LinkId)
    {
        public bool HasMath => TexInText().IsMatch(Text);
    }

    /// <param name="Src">The kept copy's address on this site, or the original URL of a figure not kept yet.</param>
    /// <param name="Width">A CSS width ("80%", "640px"), or null to use the image's own.</param>
    /// <param name="Source">The figure's original URL when <see cref="Src"/> is the catalog's kept copy, else null.</param>
    public sealed record ImageView(string Src, string Alt, string? Width, string? Source = null)
    {
        /// <summary>A figure without a kept copy is a link to it, never an image loaded from another site.</summary>
        public bool IsKept => Source is not null;

        public string LinkText => KeptFigure.LinkText(Alt, Src);
    }

    public sealed record LinkItem(LinkRow Link, string? Context, IReadOnlyList<TopicRef> AlsoIn, LinkHealthView Health);

    public TopicView Topic { get; private set; } = null!;

    /// <summary>The intro as this page shows it: its images pointed at their kept copies or turned into links.</summary>
    public string IntroHtml { get; private set; } = "";

    public List<TopicRef> Ancestors { get; private set; } = [];

    public TopicRef? Previous { get; private set; }

    public TopicRef? Next { get; private set; }

    public List<Subtopic> Subtopics { get; private set; } = [];

    public List<QuoteView> Quotes { get; private set; } = [];

    public List<ImageView> Images { get; private set; } = [];

    /// <summary>This page's share of the topic's links.</summary>
    public List<LinkItem> Links { get; private set; } = [];

    public Paging Paging { get; private set; } = null!;

    /// <summary>Set instead of <see cref="Topic"/> when the slug belonged to a topic that was removed (410 Gone).</summary>
    public RemovedTopic? Removed { get; private set; }

    /// <summary>Markdig wrote the intro's math as &lt;span class="math"&gt;; quotes keep their $...$ as text.</summary>
    public bool IntroHasMath => IntroHtml.Contains("class=\"math\"", StringComparison.Ordinal);

    public bool HasMath => IntroHasMath || Quotes.Any(q => q.HasMath);

    public Task<bool> ExistsAsync(CancellationToken ct)
    {
        var slug = RouteData.Values["slug"] as string;
        return db.Topics.AnyAsync(t => t.Slug == slug, ct);
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var topic = await db.Topics.Where(t => t.Slug == slug)
            .Select(t => new TopicView(t.Id, t.ParentId, t.SourceId, t.Position, t.Slug, t.Title, t.IntroHtml))
            .SingleOrDefaultAsync(ct);
        if (topic is null)
        {
            return await OtherCasingAsync(slug, ct) ?? await OldSlugAsync(slug, ct);
        }

        var listed = ListedMentions(topic.Id);
        if (Paging.Requested(Request.Query) is not { } page
            || new Paging(page, await listed.CountAsync(ct), Hrefs.Topic(topic.Slug)) is not { Exists: true } paging)
        {
            return NotFound();
        }

        Topic = topic;
        Paging = paging;
        Ancestors = await AncestorsAsync(topic.ParentId, ct);
        await LoadNeighboursAsync(topic, ct);
        Subtopics = await db.Topics.Where(t => t.ParentId == topic.Id).OrderBy(t => t.Position)
            .Select(t => new Subtopic(t.Slug, t.Title, t.Mentions.Count(m => m.Place != LinkPlace.Quote)))
            .ToListAsync(ct);
        Quotes = await db.Quotes.Where(q => q.TopicId == topic.Id).OrderBy(q => q.Position)
            .Select(q => new QuoteView(q.Text, q.Url, db.Links.Where(l => l.Url == q.Url).Select(l => (int?)l.Id).FirstOrDefault()))
            .ToListAsync(ct);
        Images = await LoadImagesAsync(topic, ct);
        IntroHtml = await LoadIntroAsync(topic.IntroHtml, ct);
        Links = await LoadLinksAsync(topic.Id, listed.OrderBy(m => m.Position).Skip(paging.Skip).Take(Paging.Size), ct);
        return Page();
    }

    // Slugs are lower case: /topics/Some-Topic is a link typed by hand or an attempt to split the cache. Either way the
    // answer is a permanent redirect to the one URL of the page, never a 404 the cache could keep.
    private async Task<IActionResult?> OtherCasingAsync(string slug, CancellationToken ct)
    {
        var lower = slug.ToLowerInvariant();
        return lower != slug && (await db.Topics.AnyAsync(t => t.Slug == lower, ct) || await db.SlugRedirects.AnyAsync(r => r.Slug == lower, ct))
            ? RedirectPermanent(Hrefs.Topic(lower))
            : null;
    }

    private async Task<IActionResult> OldSlugAsync(string slug, CancellationToken ct)
    {
        var redirect = await db.SlugRedirects.SingleOrDefaultAsync(r => r.Slug == slug, ct);
        if (redirect is null)
        {
            return NotFound();
        }

        if (redirect.TopicSlug is not null)
        {
            return RedirectPermanent(Hrefs.Topic(redirect.TopicSlug));
        }

        Removed = await RemovedTopic.LoadAsync(db, redirect, ct);
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    // One recursive query for the whole chain of parents, root first.
    private async Task<List<TopicRef>> AncestorsAsync(int? parentId, CancellationToken ct) =>
        parentId is null ? [] : await db.Database.SqlQuery<TopicRef>($"""
            WITH RECURSIVE chain("Id", "ParentId", "Slug", "Title", "Depth") AS (
                SELECT "Id", "ParentId", "Slug", "Title", 0 FROM "Topics" WHERE "Id" = {parentId}
                UNION ALL
                SELECT t."Id", t."ParentId", t."Slug", t."Title", chain."Depth" + 1 FROM "Topics" t JOIN chain ON t."Id" = chain."ParentId")
            SELECT "Slug", "Title" FROM chain ORDER BY "Depth" DESC
            """).ToListAsync(ct);

    // Document order across the whole catalog: (source, position). Both neighbours come back from one query.
    private async Task LoadNeighboursAsync(TopicView topic, CancellationToken ct)
    {
        var (source, position) = (topic.SourceId, topic.Position);
        var before = db.Topics.Where(t => t.SourceId < source || (t.SourceId == source && t.Position < position))
            .OrderByDescending(t => t.SourceId).ThenByDescending(t => t.Position).Select(t => t.Id);
        var after = db.Topics.Where(t => t.SourceId > source || (t.SourceId == source && t.Position > position))
            .OrderBy(t => t.SourceId).ThenBy(t => t.Position).Select(t => t.Id);
        var neighbours = await db.Topics.Where(t => t.Id == before.FirstOrDefault() || t.Id == after.FirstOrDefault())
            .Select(t => new { t.SourceId, t.Position, t.Slug, t.Title })
            .ToListAsync(ct);
        foreach (var n in neighbours)
        {
            if (n.SourceId < source || (n.SourceId == source && n.Position < position))
            {
                Previous = new TopicRef(n.Slug, n.Title);
            }
            else
            {
                Next = new TopicRef(n.Slug, n.Title);
            }
        }
    }

    private async Task<string> LoadIntroAsync(string introHtml, CancellationToken ct)
    {
        var intro = IntroFigures.Of(introHtml);
        if (intro.Sources is not { Count: > 0 } sources)
        {
            return introHtml;
        }

        var kept = await db.StoredFigures.Where(f => sources.Contains(f.Src)).Select(f => new { f.Src, f.Sha256 }).ToListAsync(ct);
        return intro.Render(kept.ToDictionary(f => f.Src, f => f.Sha256, StringComparer.Ordinal));
    }

    private async Task<List<ImageView>> LoadImagesAsync(TopicView topic, CancellationToken ct)
    {
        // A kept figure is served from this site; one not fetched yet is shown as a link to its original URL.
        var images = await (
                from i in db.Images.Where(i => i.TopicId == topic.Id)
                join f in db.StoredFigures on i.Src equals f.Src into kept
                from f in kept.DefaultIfEmpty()
                select new { i.Position, i.Src, i.Alt, i.Width, Sha256 = f == null ? null : f.Sha256 })
            .ToListAsync(ct);
        return images.OrderBy(i => i.Position).Where(i => Urls.SchemeOf(i.Src) is "http" or "https")
            .Select(i => i.Sha256 is null
                ? new ImageView(i.Src, i.Alt ?? $"Figure for {topic.Title}", CssWidth(i.Width))
                : new ImageView(KeptFigure.Href(i.Sha256), i.Alt ?? $"Figure for {topic.Title}", CssWidth(i.Width), i.Src))
            .ToList();
    }

    // Quote-source mentions are shown as the quotes' citations, not again in the list.
    private IQueryable<Mention> ListedMentions(int topicId) =>
        db.Mentions.Where(m => m.TopicId == topicId && m.Place != LinkPlace.Quote);

    private async Task<List<LinkItem>> LoadLinksAsync(int topicId, IQueryable<Mention> page, CancellationToken ct)
    {
        // Health by URL joined in the same query (no query per link); sorted here, as a join after LIMIT keeps no order.
        var mentions = (await (
                from m in page
                join h in db.LinkHealth on m.Link.Url equals h.Url into health
                from h in health.DefaultIfEmpty()
                select new { m.Position, Row = new LinkRow(m.LinkId, m.Link.Url, m.Label, m.Link.Host, m.Link.Kind, m.Place), m.Context, Health = h })
            .AsNoTracking().ToListAsync(ct))
            .OrderBy(m => m.Position)
            .ToList();
        // By the page's link ids as a subquery, so SQLite looks each one up in the LinkId index (a correlated EXISTS
        // scanned every mention of the catalog) and no id becomes an SQL variable (a list of them hit SQLite's limit
        // on a topic of ~32,700 links).
        var linkIds = page.Select(m => m.LinkId);
        var direct = db.Mentions.Where(o => linkIds.Contains(o.LinkId) && o.TopicId != topicId)
            .Select(o => new { o.LinkId, o.Topic.SourceId, o.Topic.Position, o.Topic.Slug, o.Topic.Title });
        // The same work under another URL (abs and pdf, a DOI and its publisher's page) is the same paper to a reader.
        var viaSameWork =
            from l in db.Links where linkIds.Contains(l.Id)
            join w in db.LinkMetadata on l.Url equals w.Url
            where w.CanonicalId != null
            join ow in db.LinkMetadata on w.CanonicalId equals ow.CanonicalId
            join other in db.Links on ow.Url equals other.Url
            where other.Id != l.Id
            join o in db.Mentions on other.Id equals o.LinkId
            where o.TopicId != topicId
            select new { LinkId = l.Id, o.Topic.SourceId, o.Topic.Position, o.Topic.Slug, o.Topic.Title };
        var elsewhere = await direct.Concat(viaSameWork).Distinct().ToListAsync(ct);
        var alsoIn = elsewhere.OrderBy(o => o.SourceId).ThenBy(o => o.Position)
            .ToLookup(o => o.LinkId, o => new TopicRef(o.Slug, o.Title));
        return mentions.Select(m => new LinkItem(m.Row, m.Context, alsoIn[m.Row.Id].ToList(), LinkHealthView.Of(m.Health))).ToList();
    }

    private static string? CssWidth(string? width) => width is not null && ImageWidth().Match(width) is { Success: true } m
        ? m.Groups["n"].Value + (m.Groups["percent"].Success ? "%" : "px")
        : null;

    [GeneratedRegex(@"^(?<n>[0-9]{1,4})(?<percent>%)?$")]
    private static partial Regex ImageWidth();

    // TeX between single or double dollars, as KaTeX's auto-render will find it: no space just inside the dollars.
    [GeneratedRegex(@"\$\$?[^$\s](?:[^$]*[^$\s])?\$")]
    private static partial Regex TexInText();
}
