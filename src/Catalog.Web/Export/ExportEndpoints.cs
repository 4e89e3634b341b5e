using Catalog.Web.Data;
using Catalog.Web.Export.Citations;
using Catalog.Web.Search;
using Catalog.Web.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Catalog.Web.Export;

/// <summary>
/// The outputs for other tools: feeds (/feeds/...), citations (.../cite.bib|.ris|.json) and dumps (/export/...). Each
/// depends only on its URL and the catalog, so each is output-cached per catalog version like the pages and carries
/// the version's ETag.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapCatalogExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("").CacheOutput(CatalogCache.PolicyName).AddEndpointFilter(CatalogValidators);
        exports.MapGet("/export/catalog.json", (CatalogDbContext db, CancellationToken ct) => WholeAsync(db, ExportFormat.Json, ct));
        exports.MapGet("/export/links.csv", (CatalogDbContext db, CancellationToken ct) => WholeAsync(db, ExportFormat.Csv, ct));
        exports.MapGet("/export/bookmarks.html", (CatalogDbContext db, CancellationToken ct) => WholeAsync(db, ExportFormat.Bookmarks, ct));
        exports.MapGet("/export/{source}.md", SeedAsync);
        exports.MapGet("/feeds/catalog.atom", CatalogFeedAsync);
        exports.MapGet("/feeds/topics/{slug}.atom", TopicFeedAsync);
        exports.MapGet("/links/{id:int}/cite.{format}", LinkCitationAsync);
        exports.MapGet("/topics/{slug}/cite.{format}", TopicCitationAsync);
        exports.MapGet("/search/cite.{format}", SearchCitationAsync);
        return app;
    }

    private static async Task<IResult> WholeAsync(CatalogDbContext db, ExportFormat format, CancellationToken ct) =>
        Send(await CatalogExports.WriteAsync(db, format, "", ct));

    private static async Task<IResult> SeedAsync(string source, bool? resolved, CatalogDbContext db, CancellationToken ct)
    {
        // A source imported as x.markdown is served as x.md too: one URL shape for every source.
        foreach (var name in new[] { source + ".md", source + ".markdown" })
        {
            if (await SeedExport.WriteAsync(db, name, resolved ?? false, ct) is { } content)
            {
                return Send(new ExportFile(content, ContentTypes.Markdown, name));
            }
        }

        return Results.NotFound();
    }

    private static async Task<IResult> CatalogFeedAsync(HttpRequest request, CatalogDbContext db, CancellationToken ct) =>
        Send(await CatalogExports.WriteAsync(db, ExportFormat.Atom, BaseUrl(request), ct));

    private static async Task<IResult> TopicFeedAsync(string slug, HttpRequest request, CatalogDbContext db, CancellationToken ct)
    {
        var topic = await db.Topics.Where(t => t.Slug == slug).Select(t => new { t.Id, t.Title }).SingleOrDefaultAsync(ct);
        if (topic is null)
        {
            return await OldSlugAsync(db, slug, newSlug => FeedPath(newSlug), ct);
        }

        var feed = await AtomFeed.WriteAsync(
            db, new AtomFeed.Request($"Catalog: new links in {topic.Title}", FeedPath(slug), Pages.Hrefs.Topic(slug), topic.Id), BaseUrl(request), ct);
        return Send(new ExportFile(feed, ContentTypes.Atom, slug + ".atom", Inline: true));
    }

    public static string FeedPath(string slug) => "/feeds/topics/" + Uri.EscapeDataString(slug) + ".atom";

    private static async Task<IResult> LinkCitationAsync(int id, string format, CatalogDbContext db, CancellationToken ct)
    {
        if (CitationFormat(format) is null)
        {
            return Results.NotFound();
        }

        var work = await CitationSource.LinkAsync(db, id, ct);
        return work is null ? Results.NotFound() : Cite([work], format, $"link-{id}");
    }

    private static async Task<IResult> TopicCitationAsync(string slug, string format, CatalogDbContext db, CancellationToken ct)
    {
        if (CitationFormat(format) is null)
        {
            return Results.NotFound();
        }

        var works = await CitationSource.TopicAsync(db, slug, ct);
        return works is null
            ? await OldSlugAsync(db, slug, newSlug => Pages.Hrefs.Topic(newSlug) + "/cite." + format, ct)
            : Cite(works, format, slug);
    }

    // The results the search page with the same query shows: same filters, page and page size.
    private static async Task<IResult> SearchCitationAsync(string format, HttpRequest request, CatalogSearch search, CatalogDbContext db, CancellationToken ct)
    {
        if (CitationFormat(format) is null)
        {
            return Results.NotFound();
        }

        var results = await search.SearchAsync(request.Query.ToSearchRequest(), withFacets: false, ct);
        var works = await CitationSource.UrlsAsync(db, results.Hits.Select(h => h.Url).ToList(), ct);
        return Cite(works, format, "search");
    }

    // A topic's old slug answers as its page does: 301 to the topic that continues it, 410 when it was removed.
    private static async Task<IResult> OldSlugAsync(CatalogDbContext db, string slug, Func<string, string> pathFor, CancellationToken ct)
    {
        var redirect = await db.SlugRedirects.Where(r => r.Slug == slug).Select(r => new { r.TopicSlug }).SingleOrDefaultAsync(ct);
        return redirect switch
        {
            null => Results.NotFound(),
            { TopicSlug: { } topicSlug } => Results.Redirect(pathFor(topicSlug), permanent: true),
            _ => Results.StatusCode(StatusCodes.Status410Gone),
        };
    }

    private static string? CitationFormat(string format) => format switch
    {
        "bib" => ContentTypes.BibTex,
        "ris" => ContentTypes.Ris,
        "json" => ContentTypes.CslJson,
        _ => null,
    };

    private static IResult Cite(IReadOnlyList<CitationWork> works, string format, string name)
    {
        var text = format switch
        {
            "bib" => BibTex.Write(works),
            "ris" => Ris.Write(works),
            _ => CslJson.Write(works),
        };
        return Send(ExportFile.Text(text, CitationFormat(format)!, $"{name}.{format}"));
    }

    private static IResult Send(ExportFile file) => new FileResult(file);

    private static string BaseUrl(HttpRequest request) => Web.SiteUrl.Of(request);

    /// <summary>Writes the bytes with their type and a Content-Disposition naming the file (RFC 6266).</summary>
    private sealed class FileResult(ExportFile file) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var disposition = new ContentDispositionHeaderValue(file.Inline ? "inline" : "attachment");
            disposition.SetHttpFileName(file.FileName);
            http.Response.ContentType = file.ContentType;
            http.Response.Headers.ContentDisposition = disposition.ToString();
            http.Response.ContentLength = file.Content.Length;
            return http.Response.Body.WriteAsync(file.Content, http.RequestAborted).AsTask();
        }
    }

    // As CatalogPageAttribute does for pages: a matching conditional request is a 304 before any query runs; a 200
    // carries the version's validators; redirects, 404 and 410 carry none.
    private static async ValueTask<object?> CatalogValidators(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var stamp = http.RequestServices.GetRequiredService<CatalogVersion>().Current;
        if (ConditionalGet.IsNotModified(http.Request, stamp))
        {
            ConditionalGet.SetValidators(http.Response, stamp);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var result = await next(context);
        if (result is FileResult)
        {
            ConditionalGet.SetValidators(http.Response, stamp);
        }

        return result;
    }
}
