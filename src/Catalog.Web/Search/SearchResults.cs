namespace Catalog.Web.Search;

/// <summary>Narrowing by facet; null means "any". Values are compared exactly (topic slug, link kind, host, fetched year).</summary>
public sealed record SearchFilters(string? Topic = null, string? Kind = null, string? Host = null, string? Year = null)
{
    public static SearchFilters None { get; } = new();

    public bool Any => Topic is not null || Kind is not null || Host is not null || Year is not null;

    /// <summary>The filters as the parameters of the search SQL (<see cref="ISearchDialect"/>).</summary>
    public (string, object?)[] Parameters => [("@kind", Kind), ("@host", Host), ("@topic", Topic), ("@year", Year)];

    /// <summary>Blank values (an empty select in a form) mean no filter.</summary>
    public static SearchFilters From(string? topic, string? kind, string? host, string? year = null) =>
        new(Blank(topic), Blank(kind), Blank(host), Blank(year) is { Length: 4 } y && y.All(char.IsAsciiDigit) ? y : null);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record SearchRequest(string Text, SearchFilters Filters, int Page = 1, int PageSize = SearchRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    /// <summary>Deep pages cost as much as the whole result set; nobody reads past page 500.</summary>
    public const int MaxPage = 500;

    /// <summary>The same request with page and size brought into range.</summary>
    public SearchRequest Clamped() => this with
    {
        Page = Math.Clamp(Page, 1, MaxPage),
        PageSize = Math.Clamp(PageSize, 1, MaxPageSize),
    };
}

public sealed record TopicRef(string Slug, string Title);

/// <summary>One link found. <see cref="SnippetHtml"/> is HTML-escaped text with &lt;mark&gt; around matching words.</summary>
public sealed record SearchHit(string Url, string Label, string Kind, string Host, IReadOnlyList<TopicRef> Topics, string SnippetHtml)
{
    /// <summary>The link's id, for its page (/links/{id}); not part of the API's contract.</summary>
    public long LinkId { get; init; }

    /// <summary>The other URLs of the same work (one arXiv id or DOI), which search shows as this one result.</summary>
    public IReadOnlyList<string> AlsoAt { get; init; } = [];
}

/// <summary>A facet value with the number of matching links that have it.</summary>
public sealed record FacetCount(string Value, string Label, int Count);

/// <param name="Years">The years of the matching links' fetched metadata (link metadata), newest first.</param>
public sealed record SearchFacets(IReadOnlyList<FacetCount> Topics, IReadOnlyList<FacetCount> Kinds, IReadOnlyList<FacetCount> Hosts, IReadOnlyList<FacetCount>? Years = null);

/// <summary>
/// One page of results: the matching topics, the links, and (when asked for) facet counts. <see cref="AllWordsTotal"/>
/// links match every word; when that is fewer than <see cref="Total"/>, the rest match only some (<see cref="Partial"/>).
/// </summary>
public sealed record SearchResults(
    SearchQuery Query,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<TopicRef> Topics,
    IReadOnlyList<SearchHit> Hits,
    SearchFacets? Facets,
    int AllWordsTotal = 0,
    SpellingCorrection? Correction = null)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>True when some of the links shown match only some of the words.</summary>
    public bool Partial => AllWordsTotal < Total;

    public static SearchResults Empty(SearchQuery query, SearchRequest request) =>
        new(query, 0, request.Page, request.PageSize, [], [], new SearchFacets([], [], []));
}

/// <summary>A search-as-you-type suggestion: a topic (url is its page) or a link (url is the resource).</summary>
public sealed record Suggestion(string Type, string Label, string Url);
