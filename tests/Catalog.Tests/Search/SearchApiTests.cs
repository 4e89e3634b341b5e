using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;

namespace Catalog.Tests.Search;

/// <summary>The acceptance searches of issue 4, through /api/search on the seed.</summary>
public sealed class SearchApiTests(SeededCatalogs catalogs) : IClassFixture<SeededCatalogs>
{
    private const string ZhihuLink = "https://zhuanlan.zhihu.com/p/40097048";

    [Theory]
    [OnEachDatabase]
    public async Task ResponseHasExactlyTheContractShape(DatabaseProvider provider)
    {
        var response = await SearchAsync(provider, "random matrix");

        Assert.Equal(["query", "total", "page", "topics", "results", "partial", "searchedFor", "searchInsteadFor"], response.EnumerateObject().Select(p => p.Name));
        Assert.Equal("random matrix", response.GetProperty("query").GetString());
        Assert.Equal(1, response.GetProperty("page").GetInt32());
        Assert.Equal(["slug", "title"], response.GetProperty("topics")[0].EnumerateObject().Select(p => p.Name));
        var result = response.GetProperty("results")[0];
        Assert.Equal(["url", "label", "kind", "host", "topics", "snippet", "health", "meta", "alsoAt"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, result.GetProperty("topics")[0].ValueKind);
    }

    [Theory]
    [OnEachDatabase]
    public async Task RandomMatrixRanksTheRandomMatrixTopicFirst(DatabaseProvider provider)
    {
        var response = await SearchAsync(provider, "random matrix");

        var topFive = Results(response).Take(5).ToList();
        Assert.Equal(5, topFive.Count);
        Assert.True(topFive.Count(r => Topics(r).Contains("random-matrix-theory-and-deep-learning")) >= 3);
        Assert.Equal("random-matrix-theory-and-deep-learning", response.GetProperty("topics")[0].GetProperty("slug").GetString());
    }

    [Theory]
    [OnEachDatabase]
    public async Task PinnsFindsTheLinkWhoseUrlAloneHasTheWord(DatabaseProvider provider)
    {
        var urls = Results(await SearchAsync(provider, "PINNs")).Select(Url).ToList();

        Assert.Contains("https://maziarraissi.github.io/PINNs/", urls);
    }

    [Theory]
    [OnEachDatabase]
    public async Task KantorovichFindsTheOptimalTransportQuoteSource(DatabaseProvider provider)
    {
        var results = Results(await SearchAsync(provider, "Kantorovich")).ToList();

        var source = Assert.Single(results, r => Url(r) == "http://otml17.marcocuturi.net/");
        Assert.Contains("<mark>Kantorovich</mark>", source.GetProperty("snippet").GetString());
        Assert.Equal("Optimal Transport & Machine Learning", source.GetProperty("label").GetString());
    }

    [Theory]
    [OnEachDatabase]
    public async Task ApproxFindsTheApproximationTheoryPapers(DatabaseProvider provider)
    {
        var response = await SearchAsync(provider, "approx");

        var topFive = Results(response).Take(5).ToList();
        Assert.All(topFive, r => Assert.Contains("approximation", r.GetProperty("label").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.True(topFive.Count(r => Topics(r).Contains("approximation-theory-for-deep-learning")) >= 3);
        Assert.Contains("https://arxiv.org/abs/1901.02220", Results(response).Select(Url));
        Assert.Equal("approximation-theory-for-deep-learning", response.GetProperty("topics")[0].GetProperty("slug").GetString());
    }

    [Theory]
    [OnEachDatabase]
    public async Task AWordHalfTypedBeyondItsStemStillFindsTheWholeWord(DatabaseProvider provider)
    {
        var whole = await SearchAsync(provider, "approximation");
        var halfTyped = await SearchAsync(provider, "approxima");

        Assert.True(whole.GetProperty("total").GetInt32() > 10);
        Assert.Equal(whole.GetProperty("total").GetInt32(), halfTyped.GetProperty("total").GetInt32());
    }

    [Theory]
    [OnEachDatabase]
    public async Task QuotedPhraseMatchesTheWordsSideBySide(DatabaseProvider provider)
    {
        var phrase = await SearchAsync(provider, "\"optimal transport\"");

        Assert.True(phrase.GetProperty("total").GetInt32() >= 4);
        Assert.All(Results(phrase), r => Assert.Matches("(?i)<mark>optimal[ -]transport", r.GetProperty("snippet").GetString()));
        Assert.Equal("deep-learning-and-optimal-transport", phrase.GetProperty("topics")[0].GetProperty("slug").GetString());
        Assert.True((await SearchAsync(provider, "transport optimal ")).GetProperty("total").GetInt32() >= 4);
        Assert.Equal(0, (await SearchAsync(provider, "\"transport optimal\"")).GetProperty("total").GetInt32());
    }

    [Theory]
    [OnEachDatabase]
    public async Task ChineseTermsOfAnyLengthFindTheZhihuLink(DatabaseProvider provider)
    {
        // (知乎 also finds the site's bare URLs, and FTS5's snippet() then shows the URL's words, where zhihu is twice.)
        foreach (var query in new[] { "深度学习", "交通" })
        {
            var result = Assert.Single(Results(await SearchAsync(provider, query)), r => Url(r) == ZhihuLink);

            // SQLite marks the phrase alone; PostgreSQL's ts_headline marks every character of the term wherever it
            // is, so a neighbour that is one of them ("学" before "深度学习") joins the mark. On both the term is marked whole.
            Assert.Matches($"<mark>[^<]*{query}[^<]*</mark>", result.GetProperty("snippet").GetString());
            if (provider == DatabaseProvider.Sqlite)
            {
                Assert.Contains($"<mark>{query}</mark>", result.GetProperty("snippet").GetString());
            }
        }
    }

    [Theory]
    [OnEachDatabase]
    public async Task ASitesNameFindsItsBareUrlsToo(DatabaseProvider provider)
    {
        // The seed writes 知乎 once, ending the title of one zhuanlan.zhihu.com link; four other links there are bare
        // URLs or an English label. The name finds the five; bm25 ranks the one that writes it first (ts_rank_cd, with
        // no inverse document frequency, ranks the bare URLs' shorter documents with zhihu in their title column first).
        var results = Results(await SearchAsync(provider, "知乎")).ToList();

        Assert.Equal(5, results.Count(r => Url(r).StartsWith("https://zhuanlan.zhihu.com/", StringComparison.Ordinal)));
        Assert.Equal(5, results.Count);
        Assert.Contains(ZhihuLink, results.Select(Url));
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal(ZhihuLink, Url(results[0]));
        }

        Assert.Contains("<mark>zhihu</mark>", results[^1].GetProperty("snippet").GetString());
    }

    [Theory]
    [OnEachDatabase]
    public async Task ExclusionsOrAndWrittenPrefixesKeepTheirMeaning(DatabaseProvider provider)
    {
        const string Kantorovich = "http://otml17.marcocuturi.net/";
        var transport = await SearchAsync(provider, "\"optimal transport\" ", pageSize: 50);
        var without = await SearchAsync(provider, "\"optimal transport\" -kantorovich", pageSize: 50);
        var notWord = await SearchAsync(provider, "\"optimal transport\" NOT kantorovich", pageSize: 50);
        var either = await SearchAsync(provider, "PINNs OR Kantorovich ");
        var written = await SearchAsync(provider, "approxim* ");
        var whole = await SearchAsync(provider, "approximation ");

        Assert.Contains(Kantorovich, Results(transport).Select(Url));
        Assert.DoesNotContain(Kantorovich, Results(without).Select(Url));
        Assert.Equal(transport.GetProperty("total").GetInt32() - 1, without.GetProperty("total").GetInt32());
        Assert.Equal(Results(without).Select(Url), Results(notWord).Select(Url));
        Assert.Equal([Kantorovich, "https://maziarraissi.github.io/PINNs/"], Results(either).Select(Url).Order(StringComparer.Ordinal));
        Assert.True(written.GetProperty("total").GetInt32() >= whole.GetProperty("total").GetInt32());
    }

    [Theory]
    [OnEachDatabase]
    public async Task StemmingFindsOtherFormsOfAWord(DatabaseProvider provider)
    {
        var urls = Results(await SearchAsync(provider, "networks ", pageSize: 50)).Select(r => r.GetProperty("label").GetString()!).ToList();

        Assert.Contains(urls, l => l.Contains("Network ", StringComparison.Ordinal) && !l.Contains("Networks", StringComparison.Ordinal));
    }

    [Theory]
    [OnEachDatabase]
    public async Task HostFilterReturnsOnlyThatHost(DatabaseProvider provider)
    {
        var all = await SearchAsync(provider, "deep");
        var arxiv = await SearchAsync(provider, "deep", "&host=arxiv.org", pageSize: 50);

        Assert.InRange(arxiv.GetProperty("total").GetInt32(), 5, all.GetProperty("total").GetInt32() - 1);
        Assert.Equal(arxiv.GetProperty("total").GetInt32(), Results(arxiv).Count());
        Assert.All(Results(arxiv), r => Assert.Equal("arxiv.org", r.GetProperty("host").GetString()));
    }

    [Theory]
    [OnEachDatabase]
    public async Task KindAndTopicFiltersNarrowToLinksWithBoth(DatabaseProvider provider)
    {
        var response = await SearchAsync(provider, "deep", "&kind=paper&topic=approximation-theory-for-deep-learning", pageSize: 50);

        Assert.InRange(response.GetProperty("total").GetInt32(), 3, 20);
        Assert.All(Results(response), r =>
        {
            Assert.Equal("paper", r.GetProperty("kind").GetString());
            Assert.Contains("approximation-theory-for-deep-learning", Topics(r));
        });
    }

    [Theory]
    [OnEachDatabase]
    public async Task ALinkInSeveralTopicsIsOneResultListingThemAll(DatabaseProvider provider)
    {
        var results = Results(await SearchAsync(provider, "\"optimal transport theory\"")).ToList();

        var link = Assert.Single(results, r => Url(r) == "https://mc.ai/optimal-transport-theory-the-new-math-for-deep-learning/");
        Assert.Equal(["deep-learning-and-optimal-transport", "geometric-analysis-approach-to-ai"], Topics(link));
        Assert.Equal(results.Count, results.Select(Url).Distinct().Count());
    }

    [Theory]
    [OnEachDatabase]
    public async Task PagesDoNotOverlapAndShareTheTotal(DatabaseProvider provider)
    {
        var first = await SearchAsync(provider, "deep", pageSize: 10);
        var second = await SearchAsync(provider, "deep", "&page=2", pageSize: 10);

        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
        Assert.Equal(10, Results(second).Count());
        Assert.Empty(Results(first).Select(Url).Intersect(Results(second).Select(Url)));
    }

    [Theory]
    [OnEachDatabase]
    public async Task SnippetsAreEscapedTextWithOnlyMarkElements(DatabaseProvider provider)
    {
        var response = await SearchAsync(provider, "\"Transport & Machine\" OR approximation OR 知乎", pageSize: 50);

        var snippets = Results(response).Select(r => r.GetProperty("snippet").GetString()!).ToList();
        Assert.Contains(snippets, s => s.Contains("&amp;", StringComparison.Ordinal));
        var parser = new HtmlParser();
        Assert.All(snippets, snippet =>
        {
            var body = parser.ParseDocument("<body>" + snippet).Body!;
            Assert.All(body.QuerySelectorAll("*"), e => Assert.Equal("MARK", e.TagName));
            Assert.NotEmpty(body.QuerySelectorAll("mark"));
        });
    }

    [Theory]
    [OnEachDatabase]
    public async Task SuggestReturnsTopicsAndLinksForAPrefix(DatabaseProvider provider)
    {
        var response = await catalogs.Client(provider).GetFromJsonAsync<JsonElement>("/api/search/suggest?q=approx", TestContext.Current.CancellationToken);

        var suggestions = response.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.InRange(suggestions.Count, 2, 8);
        Assert.Equal(["type", "label", "url"], suggestions[0].EnumerateObject().Select(p => p.Name));
        Assert.Contains(suggestions, s => s.GetProperty("type").GetString() == "topic"
            && s.GetProperty("url").GetString() == "/topics/approximation-theory-for-deep-learning");
        Assert.Contains(suggestions, s => s.GetProperty("type").GetString() == "link"
            && s.GetProperty("url").GetString()!.StartsWith("http", StringComparison.Ordinal));
    }

    [Theory]
    [OnEachDatabase]
    public async Task OpenSearchDescriptionPointsBrowsersAtTheSearchPage(DatabaseProvider provider)
    {
        var response = await catalogs.Client(provider).GetAsync("/opensearch.xml", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/opensearchdescription+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        System.Xml.Linq.XNamespace ns = "http://a9.com/-/spec/opensearch/1.1/";
        var html = xml.Root!.Elements(ns + "Url").Single(u => (string?)u.Attribute("type") == "text/html");
        Assert.Equal("http://localhost/search?q={searchTerms}", (string?)html.Attribute("template"));
        Assert.Equal("Catalog", xml.Root.Element(ns + "ShortName")?.Value);
    }

    private async Task<JsonElement> SearchAsync(DatabaseProvider provider, string q, string more = "", int pageSize = 20) =>
        await catalogs.Client(provider).GetFromJsonAsync<JsonElement>(
            $"/api/search?q={Uri.EscapeDataString(q)}&pageSize={pageSize}{more}", TestContext.Current.CancellationToken);

    private static IEnumerable<JsonElement> Results(JsonElement response) => response.GetProperty("results").EnumerateArray();

    private static string Url(JsonElement result) => result.GetProperty("url").GetString()!;

    private static List<string> Topics(JsonElement result) =>
        result.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToList();
}
