using System.Diagnostics;
using Catalog.Web.Search;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Pages;

/// <summary>/search?q=&amp;topic=&amp;kind=&amp;host=&amp;page=: ranked, highlighted, faceted results; GET only, so bookmarkable.</summary>
[CatalogPage]
[CacheQuery("q", "topic", "kind", "host", "year", "page", "pageSize", LongTail = true)]
public sealed class SearchModel(CatalogSearch search, SpellingSuggestions spelling) : PageModel
{
    public SearchRequest Current { get; private set; } = new("", SearchFilters.None);

    public SearchResults? Results { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    /// <summary>The query with unknown words respelled, when that finds something.</summary>
    public string? DidYouMean { get; private set; }

    /// <summary>When nothing matched: topics matching any of the words.</summary>
    public IReadOnlyList<TopicRef> ClosestTopics { get; private set; } = [];

    public bool HasQuery => Current.Text.Trim().Length > 0;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = HttpContext.Request.Query.ToSearchRequest();
        if (!HasQuery)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        Results = await search.SearchAsync(Current, withFacets: true, ct);
        Elapsed = clock.Elapsed;
        if (Results.Total == 0 && Results.Topics.Count == 0 && !Results.Query.IsEmpty)
        {
            DidYouMean = await spelling.DidYouMeanAsync(await search.OpenAsync(ct), Results.Query, ct);
            ClosestTopics = await search.ClosestTopicsAsync(Results.Query, ct);
        }
    }

    /// <summary>This search with some parameters changed (page reset to 1 unless given): for facets and pagination.</summary>
    public string Link(string? q = null, SearchFilters? filters = null, int page = 1)
    {
        filters ??= Current.Filters;
        var parameters = new Dictionary<string, string?>
        {
            ["q"] = q ?? Current.Text,
            ["topic"] = filters.Topic,
            ["kind"] = filters.Kind,
            ["host"] = filters.Host,
            ["year"] = filters.Year,
            ["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return "/search" + QueryString.Create(parameters.Where(p => p.Value is not null));
    }
}

/// <summary>One facet group of the search page: its values with counts, and the link that narrows by a value.</summary>
public sealed record SearchFacetView(string Name, IReadOnlyList<FacetCount> Values, Func<string?, string> LinkTo, string? Active);
