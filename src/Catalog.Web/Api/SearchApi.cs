using Catalog.Web.Data;
using Catalog.Web.Links;
using Catalog.Web.Operations;
using Catalog.Web.Search;
using Catalog.Web.Web;

namespace Catalog.Web.Api;

/// <summary>
/// GET /api/search (contract: other tools read this shape), GET /api/search/suggest for search-as-you-type, and
/// /opensearch.xml so browsers can add the catalog as a search engine.
/// </summary>
public static partial class SearchApi
{
    public const int SuggestionLimit = 8;

    /// <param name="Partial">True when some results match only some of the words (those come after the ones matching all).</param>
    /// <param name="SearchedFor">The query as searched when words were respelt ("showing results for"), else null.</param>
    /// <param name="SearchInsteadFor">The query that searches the words as typed, when they were respelt.</param>
    public sealed record SearchResponse(
        string Query, int Total, int Page, IReadOnlyList<TopicItem> Topics, IReadOnlyList<ResultItem> Results,
        bool Partial = false, string? SearchedFor = null, string? SearchInsteadFor = null);

    public sealed record TopicItem(string Slug, string Title);

    /// <summary>One link; <see cref="Snippet"/> is HTML: escaped text with &lt;mark&gt; around the matching words.</summary>
    public sealed partial record ResultItem(string Url, string Label, string Kind, string Host, IReadOnlyList<string> Topics, string Snippet, LinkHealthView Health);

    public sealed record SuggestResponse(string Query, IReadOnlyList<Suggestion> Suggestions);

    /// <summary>The search answer's writer (<see cref="SearchResponseJson"/>) among the API's JSON options.</summary>
    public static IServiceCollection AddSearchApi(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new SearchResponseJson()));

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        // Answers depend only on the URL and the catalog: cached per catalog version like the pages.
        app.MapGet("/api/search", SearchAsync).CacheOutput(CatalogCache.PolicyName)
            .WithMetadata(new CacheQueryAttribute("q", "topic", "kind", "host", "year", "page", "pageSize") { LongTail = true }, new SnapshotAtFirstQueryAttribute());
        app.MapGet("/api/search/suggest", SuggestAsync).CacheOutput(CatalogCache.PolicyName)
            .WithMetadata(new CacheQueryAttribute("q") { LongTail = true });
        app.MapGet("/opensearch.xml", OpenSearch.Description);
        return app;
    }

    private static async Task<WholeJson<SearchResponse>> SearchAsync(
        HttpRequest http, CatalogSearch search, CatalogVersion version, LinkAnnotations annotations, CatalogDbContext db, CancellationToken ct)
    {
        // Before the first query: whatever is read next is of this version or newer (LinkAnnotations).
        var stamp = version.Current.Version;
        var request = http.Query.ToSearchRequest();
        var results = await search.SearchAsync(request, withFacets: false, ct);
        // The page's hits come from the search index; their health and metadata are remembered per version.
        var notes = await annotations.ForUrlsAsync(stamp, [.. results.Hits.Select(h => h.Url)], db, ct);
        return new(new SearchResponse(
            request.Text,
            results.Total,
            results.Page,
            [.. results.Topics.Select(t => new TopicItem(t.Slug, t.Title))],
            results.Hits.Select(h => Item(h, notes[h.Url])).ToArray(),
            results.Partial,
            results.Correction?.SearchedFor,
            results.Correction?.SearchInsteadFor));
    }

    private static ResultItem Item(SearchHit hit, LinkAnnotation note) =>
        new(hit.Url, hit.Label, hit.Kind, hit.Host, Slugs(hit.Topics), hit.SnippetHtml, note.Health) { AlsoAt = hit.AlsoAt, Meta = note.Meta };

    // An array of the slugs and nothing else: a list grown from a query over them, its iterator and a read-only wrapper
    // were a twentieth of what a search answer allocated at the 200x catalog (links there are listed under up to 400 topics).
    private static string[] Slugs(IReadOnlyList<TopicRef> topics)
    {
        var slugs = new string[topics.Count];
        for (var i = 0; i < slugs.Length; i++)
        {
            slugs[i] = topics[i].Slug;
        }

        return slugs;
    }

    private static async Task<WholeJson<SuggestResponse>> SuggestAsync(HttpRequest http, CatalogSearch search, CancellationToken ct)
    {
        var text = SearchText.ValidUtf16(http.Query.First("q") ?? "");
        return new(new SuggestResponse(text, await search.SuggestAsync(text, SuggestionLimit, ct)));
    }
}
