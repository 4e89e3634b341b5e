using Catalog.Web.Search.Semantic;

namespace Catalog.Web.Search;

public static class SearchExtensions
{
    /// <summary>The search queries and "did you mean" per catalog version (the start-up rebuilds a stale index: Import/CatalogStartup).</summary>
    public static IServiceCollection AddCatalogSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSemanticSearch(configuration);
        services.AddSingleton<SpellingSuggestions>();
        services.AddSingleton<SearchLexicons>();
        services.AddSingleton<Api.LinkAnnotations>();
        services.AddHostedService<SearchLexiconWarmer>();
        services.AddScoped<SemanticRanking>();
        services.AddScoped<CatalogSearch>();
        return services;
    }

    /// <summary>The first value of a query-string parameter (a repeated parameter is not an error).</summary>
    public static string? First(this IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>A search request from /search or /api/search parameters; unreadable numbers fall back to defaults.</summary>
    public static SearchRequest ToSearchRequest(this IQueryCollection query) =>
        new SearchRequest(
            SearchText.ValidUtf16(query.First("q") ?? ""),
            SearchFilters.From(query.First("topic"), query.First("kind"), query.First("host"), query.First("year")),
            Number(query.First("page"), 1),
            Number(query.First("pageSize"), SearchRequest.DefaultPageSize)).Clamped();

    // Any integer, however large, is clamped later; anything else is the default.
    private static int Number(string? text, int fallback) =>
        long.TryParse(text, out var value) ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : fallback;
}
