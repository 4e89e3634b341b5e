using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;

namespace Catalog.Tests.Search;

public sealed class SearchPageTests(SeededCatalogs catalogs) : IClassFixture<SeededCatalogs>
{
    [Theory]
    [OnEachDatabase]
    public async Task ResultsShowCountTimeLinksSnippetsAndTopics(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=random+matrix");

        Assert.Matches(@"^\d+ links found in \d+\.\d ms$", page.QuerySelector(".search-summary")!.TextContent.Trim());
        Assert.Equal("random matrix", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#search-q")!.Value);
        var first = page.QuerySelector(".search-result")!;
        Assert.StartsWith("http", first.QuerySelector("h3 a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotEmpty(first.QuerySelectorAll(".search-snippet mark"));
        Assert.Contains(first.QuerySelectorAll(".search-meta a"), a => a.GetAttribute("href") == "/topics/random-matrix-theory-and-deep-learning");
    }

    [Theory]
    [OnEachDatabase]
    public async Task MatchingTopicsAreListedAboveTheLinks(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=approximation");

        var topic = page.QuerySelector(".search-topics a[href='/topics/approximation-theory-for-deep-learning']");
        Assert.NotNull(topic);
        var results = page.QuerySelector(".search-results")!;
        Assert.True(topic.CompareDocumentPosition(results).HasFlag(DocumentPositions.Following));
    }

    [Theory]
    [OnEachDatabase]
    public async Task ClickingAFacetNarrowsTheSearchToItsCount(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=deep");
        var paper = page.QuerySelectorAll(".search-facet a").Single(a => a.TextContent == "paper");
        var count = int.Parse(paper.ParentElement!.QuerySelector(".search-count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);

        var narrowed = await GetAsync(provider, paper.GetAttribute("href")!);

        Assert.StartsWith($"{count} links found", narrowed.QuerySelector(".search-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.All(narrowed.QuerySelectorAll(".search-kind"), k => Assert.Equal("paper", k.TextContent));
        Assert.Equal("paper", narrowed.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[type=hidden][name=kind]")!.Value);
        var remove = narrowed.QuerySelector(".search-filters a")!;
        Assert.Equal("/search?q=deep", remove.GetAttribute("href"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task PagerLinksToTheNextPageWhichStartsNumberingAfterThisOne(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=deep");
        var next = page.QuerySelector(".search-pager a[rel=next]")!;

        var second = await GetAsync(provider, next.GetAttribute("href")!);

        Assert.Equal("/search?q=deep&page=2", next.GetAttribute("href"));
        Assert.Equal("21", second.QuerySelector(".search-results")!.GetAttribute("start"));
        Assert.Equal("2", second.QuerySelector(".search-pager a[aria-current=page]")!.TextContent);
        Assert.Null(second.QuerySelector(".search-topics"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AMisspelledWordIsSearchedRespeltWithALinkToTheWordsAsTyped(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=kantorovch");

        var notice = page.QuerySelector(".search-corrected")!;
        Assert.Contains("Showing results for", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal("kantorovich", notice.QuerySelector("strong")!.TextContent);
        Assert.Contains("otml17.marcocuturi.net", page.QuerySelector(".search-result .search-url")!.TextContent, StringComparison.Ordinal);
        var asTyped = await GetAsync(provider, notice.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Null(asTyped.QuerySelector(".search-corrected"));
        Assert.Empty(asTyped.QuerySelectorAll(".search-result"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AShortMisspelledWordThatFindsNothingGetsADidYouMean(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=flwo");

        var suggestion = page.QuerySelector(".search-did-you-mean a")!;
        Assert.Equal("flow", suggestion.TextContent);
        var respelled = await GetAsync(provider, suggestion.GetAttribute("href")!);
        Assert.NotEmpty(respelled.QuerySelectorAll(".search-result"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task WordsThatNoLinkHasTogetherShowPartialMatchesAndSaySo(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=fourier+zebra");

        Assert.Contains("No link has every word", page.QuerySelector(".search-partial")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".search-result"));
        Assert.Null(page.QuerySelector(".search-empty"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task WithoutSemanticRankingResultsOfferNoMoreLikeThis(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=thermodynamics");

        Assert.NotEmpty(page.QuerySelectorAll(".search-result"));
        Assert.Null(page.QuerySelector(".search-more-like"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task NothingFoundListsTheClosestTopics(DatabaseProvider provider)
    {
        var page = await GetAsync(provider, "/search?q=fouri+zebra");

        Assert.Contains("No links match", page.QuerySelector(".search-empty h2")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".search-empty a[href='/topics/the-f-principle']"));
    }

    [Fact]
    public async Task EmptyQueryShowsTheSearchHelp()
    {
        var provider = DatabaseProvider.Sqlite; // no search runs: the page's layout is the same on both
        var page = await GetAsync(provider, "/search");

        Assert.NotNull(page.QuerySelector("details.search-help"));
        Assert.Null(page.QuerySelector(".search-summary"));
        Assert.Equal("", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#search-q")!.Value);
    }

    [Fact]
    public async Task LayoutHasTheSearchBoxTheScriptEnhancesAndTheOpenSearchLink()
    {
        var provider = DatabaseProvider.Sqlite; // no search runs: the page's layout is the same on both
        var page = await GetAsync(provider, "/");

        Assert.NotNull(page.QuerySelector("form[role=search][action='/search'][method=get] input[type=search][name=q]"));
        Assert.StartsWith("/js/search-suggest.js", page.QuerySelector("script[src*=search-suggest]")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal("/opensearch.xml", page.QuerySelector("link[rel=search][type='application/opensearchdescription+xml']")!.GetAttribute("href"));
        var script = await catalogs.Client(provider).GetAsync("/js/search-suggest.js", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, script.StatusCode);
    }

    private async Task<IDocument> GetAsync(DatabaseProvider provider, string url)
    {
        var html = await catalogs.Client(provider).GetStringAsync(url, TestContext.Current.CancellationToken);
        return await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken);
    }
}
