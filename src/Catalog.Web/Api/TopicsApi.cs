using System.Text.Json.Serialization;
using Catalog.Web.Data;
using Catalog.Web.Links;
using Catalog.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Api;

/// <summary>GET /api/topics and /api/topics/{slug} (contract: other tools read these shapes).</summary>
public static partial class TopicsApi
{
    public sealed record TopicSummary(string Slug, string Title, int Level, string? Parent, int Links);

    public sealed record TopicDetail(
        string Slug,
        string Title,
        int Level,
        string? Parent,
        [property: JsonPropertyName("intro")] string Intro,
        IReadOnlyList<QuoteItem> Quotes,
        IReadOnlyList<ImageItem> Images,
        IReadOnlyList<LinkItem> Links,
        IReadOnlyList<string> Children);

    public sealed record QuoteItem(string Text, string Url);

    public sealed record ImageItem(string Src, string? Alt);

    /// <summary>One link; <see cref="Health"/> is looked up by URL in the same query (all nulls until checked).</summary>
    public sealed partial record LinkItem(string Url, string Label, string Kind, string Host, LinkHealthView Health);

    public static IEndpointRouteBuilder MapTopicsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/topics").CacheOutput(CatalogCache.PolicyName).WithMetadata(new CacheQueryAttribute());
        api.MapGet("/", ListAsync);
        api.MapGet("/{slug}", GetAsync);
        return app;
    }

    private static async Task<WholeJson<List<TopicSummary>>> ListAsync(CatalogDbContext db, CancellationToken ct) =>
        new(await db.Topics
            .OrderBy(t => t.SourceId).ThenBy(t => t.Position)
            .Select(t => new TopicSummary(t.Slug, t.Title, t.Level, t.Parent == null ? null : t.Parent.Slug, t.Mentions.Count))
            .ToListAsync(ct));

    private static async Task<IResult> GetAsync(string slug, CatalogDbContext db, CancellationToken ct)
    {
        var topic = await db.Topics.Where(t => t.Slug == slug)
            .Select(t => new { t.Id, t.Slug, t.Title, t.Level, Parent = t.Parent == null ? null : t.Parent.Slug, t.IntroMarkdown })
            .SingleOrDefaultAsync(ct);
        if (topic is null)
        {
            return Results.NotFound(new { error = $"No topic with slug \"{slug}\"." });
        }

        var quotes = await db.Quotes.Where(q => q.TopicId == topic.Id).OrderBy(q => q.Position)
            .Select(q => new QuoteItem(q.Text, q.Url)).ToListAsync(ct);
        var images = await db.Images.Where(i => i.TopicId == topic.Id).OrderBy(i => i.Position)
            .Select(i => new ImageItem(i.Src, i.Alt)).ToListAsync(ct);
        var links = await (
            from m in db.Mentions.Where(m => m.TopicId == topic.Id)
            join h in db.LinkHealth on m.Link.Url equals h.Url into health
            from h in health.DefaultIfEmpty()
            orderby m.Position
            select new LinkItem(m.Link.Url, m.Label, m.Link.Kind, m.Link.Host, LinkHealthView.Of(h))).AsNoTracking().ToListAsync(ct);
        links = await LinkMetaItem.AttachAsync(links, l => l.Url, (l, meta) => l with { Meta = meta }, db, ct);
        var children = await db.Topics.Where(t => t.ParentId == topic.Id).OrderBy(t => t.Position)
            .Select(t => t.Slug).ToListAsync(ct);
        return new WholeJson<TopicDetail>(new TopicDetail(topic.Slug, topic.Title, topic.Level, topic.Parent, topic.IntroMarkdown, quotes, images, links, children));
    }
}
