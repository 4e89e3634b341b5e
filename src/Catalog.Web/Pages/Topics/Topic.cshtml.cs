using System.Text.RegularExpressions;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Topics;

/// <summary>/topics/{slug}: a fixed handful of queries whatever the topic's size (no query per link or subtopic).</summary>
[CatalogPage]
public sealed partial class TopicModel(CatalogDbContext db) : PageModel
{
    public sealed record TopicView(int Id, int? ParentId, int SourceId, int Position, string Slug, string Title, string IntroHtml);

    public sealed record Subtopic(string Slug, string Title, int Links);

    public sealed record QuoteView(string Text, string Url, int? LinkId)
    {
        public bool HasMath => TexInText().IsMatch(Text);
    }

    /// <param name="Width">A CSS width ("80%", "640px"), or null to use the image's own.</param>
    public sealed record ImageView(string Src, string Alt, string? Width);

    public sealed record LinkItem(LinkRow Link, string? Context, IReadOnlyList<TopicRef> AlsoIn);

    public TopicView Topic { get; private set; } = null!;

    public List<TopicRef> Ancestors { get; private set; } = [];

    public TopicRef? Previous { get; private set; }

    public TopicRef? Next { get; private set; }

    public List<Subtopic> Subtopics { get; private set; } = [];

    public List<QuoteView> Quotes { get; private set; } = [];

    public List<ImageView> Images { get; private set; } = [];

    public List<LinkItem> Links { get; private set; } = [];

    /// <summary>Set instead of <see cref="Topic"/> when the slug belonged to a topic that was removed (410 Gone).</summary>
    public RemovedTopic? Removed { get; private set; }

    /// <summary>Markdig wrote the intro's math as &lt;span class="math"&gt;; quotes keep their $...$ as text.</summary>
    public bool IntroHasMath => Topic.IntroHtml.Contains("class=\"math\"", StringComparison.Ordinal);

    public bool HasMath => IntroHasMath || Quotes.Any(q => q.HasMath);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var topic = await db.Topics.Where(t => t.Slug == slug)
            .Select(t => new TopicView(t.Id, t.ParentId, t.SourceId, t.Position, t.Slug, t.Title, t.IntroHtml))
            .SingleOrDefaultAsync(ct);
        if (topic is null)
        {
            return await OldSlugAsync(slug, ct);
        }

        Topic = topic;
        Ancestors = await AncestorsAsync(topic.ParentId, ct);
        await LoadNeighboursAsync(topic, ct);
        Subtopics = await db.Topics.Where(t => t.ParentId == topic.Id).OrderBy(t => t.Position)
            .Select(t => new Subtopic(t.Slug, t.Title, t.Mentions.Count(m => m.Place != LinkPlace.Quote)))
            .ToListAsync(ct);
        Quotes = await db.Quotes.Where(q => q.TopicId == topic.Id).OrderBy(q => q.Position)
            .Select(q => new QuoteView(q.Text, q.Url, db.Links.Where(l => l.Url == q.Url).Select(l => (int?)l.Id).FirstOrDefault()))
            .ToListAsync(ct);
        Images = await LoadImagesAsync(topic, ct);
        Links = await LoadLinksAsync(topic.Id, ct);
        return Page();
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
            WITH RECURSIVE chain(Id, ParentId, Slug, Title, Depth) AS (
                SELECT Id, ParentId, Slug, Title, 0 FROM Topics WHERE Id = {parentId}
                UNION ALL
                SELECT t.Id, t.ParentId, t.Slug, t.Title, chain.Depth + 1 FROM Topics t JOIN chain ON t.Id = chain.ParentId)
            SELECT Slug, Title FROM chain ORDER BY Depth DESC
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

    private async Task<List<ImageView>> LoadImagesAsync(TopicView topic, CancellationToken ct)
    {
        var images = await db.Images.Where(i => i.TopicId == topic.Id).OrderBy(i => i.Position)
            .Select(i => new { i.Src, i.Alt, i.Width }).ToListAsync(ct);
        return images.Where(i => Urls.SchemeOf(i.Src) is "http" or "https")
            .Select(i => new ImageView(i.Src, i.Alt ?? $"Figure for {topic.Title}", CssWidth(i.Width)))
            .ToList();
    }

    // Quote-source mentions are shown as the quotes' citations, not again in the list.
    private async Task<List<LinkItem>> LoadLinksAsync(int topicId, CancellationToken ct)
    {
        var listed = db.Mentions.Where(m => m.TopicId == topicId && m.Place != LinkPlace.Quote);
        var mentions = await listed.OrderBy(m => m.Position)
            .Select(m => new { Row = new LinkRow(m.LinkId, m.Link.Url, m.Label, m.Link.Host, m.Link.Kind, m.Place), m.Context })
            .ToListAsync(ct);
        // By the listed link ids, so SQLite looks each one up in the LinkId index; a correlated EXISTS made it scan
        // every mention of the catalog (12 ms a page at 58,000 mentions).
        var linkIds = mentions.Select(m => m.Row.Id).Distinct().ToList();
        var elsewhere = await db.Mentions.Where(o => linkIds.Contains(o.LinkId) && o.TopicId != topicId)
            .Select(o => new { o.LinkId, o.Topic.SourceId, o.Topic.Position, o.Topic.Slug, o.Topic.Title })
            .Distinct()
            .ToListAsync(ct);
        var alsoIn = elsewhere.OrderBy(o => o.SourceId).ThenBy(o => o.Position)
            .ToLookup(o => o.LinkId, o => new TopicRef(o.Slug, o.Title));
        return mentions.Select(m => new LinkItem(m.Row, m.Context, alsoIn[m.Row.Id].ToList())).ToList();
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
