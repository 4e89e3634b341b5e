using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Search;

/// <summary>The acceptance searches of issue 4, through /api/search on the seed.</summary>
public sealed class SearchApiTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private const string ZhihuLink = "https://zhuanlan.zhihu.com/p/40097048";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ResponseHasExactlyTheContractShape()
    {
        var response = await SearchAsync("random matrix");

        Assert.Equal(["query", "total", "page", "topics", "results", "partial", "searchedFor", "searchInsteadFor"], response.EnumerateObject().Select(p => p.Name));
        Assert.Equal("random matrix", response.GetProperty("query").GetString());
        Assert.Equal(1, response.GetProperty("page").GetInt32());
        Assert.Equal(["slug", "title"], response.GetProperty("topics")[0].EnumerateObject().Select(p => p.Name));
        var result = response.GetProperty("results")[0];
        Assert.Equal(["url", "label", "kind", "host", "topics", "snippet", "health", "meta", "alsoAt"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, result.GetProperty("topics")[0].ValueKind);
    }

    [Fact]
    public async Task RandomMatrixRanksTheRandomMatrixTopicFirst()
    {
        var response = await SearchAsync("random matrix");

        var topFive = Results(response).Take(5).ToList();
        Assert.Equal(5, topFive.Count);
        Assert.True(topFive.Count(r => Topics(r).Contains("random-matrix-theory-and-deep-learning")) >= 3);
        Assert.Equal("random-matrix-theory-and-deep-learning", response.GetProperty("topics")[0].GetProperty("slug").GetString());
    }

    [Fact]
    public async Task PinnsFindsTheLinkWhoseUrlAloneHasTheWord()
    {
        var urls = Results(await SearchAsync("PINNs")).Select(Url).ToList();

        Assert.Contains("https://maziarraissi.github.io/PINNs/", urls);
    }

    [Fact]
    public async Task KantorovichFindsTheOptimalTransportQuoteSource()
    {
        var results = Results(await SearchAsync("Kantorovich")).ToList();

        var source = Assert.Single(results, r => Url(r) == "http://otml17.marcocuturi.net/");
        Assert.Contains("<mark>Kantorovich</mark>", source.GetProperty("snippet").GetString());
        Assert.Equal("Optimal Transport & Machine Learning", source.GetProperty("label").GetString());
    }

    [Fact]
    public async Task ApproxFindsTheApproximationTheoryPapers()
    {
        var response = await SearchAsync("approx");

        var topFive = Results(response).Take(5).ToList();
        Assert.All(topFive, r => Assert.Contains("approximation", r.GetProperty("label").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.True(topFive.Count(r => Topics(r).Contains("approximation-theory-for-deep-learning")) >= 3);
        Assert.Contains("https://arxiv.org/abs/1901.02220", Results(response).Select(Url));
        Assert.Equal("approximation-theory-for-deep-learning", response.GetProperty("topics")[0].GetProperty("slug").GetString());
    }

    [Fact]
    public async Task AWordHalfTypedBeyondItsStemStillFindsTheWholeWord()
    {
        var whole = await SearchAsync("approximation");
        var halfTyped = await SearchAsync("approxima");

        Assert.True(whole.GetProperty("total").GetInt32() > 10);
        Assert.Equal(whole.GetProperty("total").GetInt32(), halfTyped.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task QuotedPhraseMatchesTheWordsSideBySide()
    {
        var phrase = await SearchAsync("\"optimal transport\"");

        Assert.True(phrase.GetProperty("total").GetInt32() >= 4);
        Assert.All(Results(phrase), r => Assert.Matches("(?i)<mark>optimal[ -]transport", r.GetProperty("snippet").GetString()));
        Assert.Equal("deep-learning-and-optimal-transport", phrase.GetProperty("topics")[0].GetProperty("slug").GetString());
        Assert.True((await SearchAsync("transport optimal ")).GetProperty("total").GetInt32() >= 4);
        Assert.Equal(0, (await SearchAsync("\"transport optimal\"")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("深度学习")]
    [InlineData("知乎")]
    public async Task ChineseTermsOfAnyLengthFindTheZhihuLink(string query)
    {
        var result = Assert.Single(Results(await SearchAsync(query)), r => Url(r) == ZhihuLink);

        Assert.Contains($"<mark>{query}</mark>", result.GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task StemmingFindsOtherFormsOfAWord()
    {
        var urls = Results(await SearchAsync("networks ", pageSize: 50)).Select(r => r.GetProperty("label").GetString()!).ToList();

        Assert.Contains(urls, l => l.Contains("Network ", StringComparison.Ordinal) && !l.Contains("Networks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostFilterReturnsOnlyThatHost()
    {
        var all = await SearchAsync("deep");
        var arxiv = await SearchAsync("deep", "&host=arxiv.org", pageSize: 50);

        Assert.InRange(arxiv.GetProperty("total").GetInt32(), 5, all.GetProperty("total").GetInt32() - 1);
        Assert.Equal(arxiv.GetProperty("total").GetInt32(), Results(arxiv).Count());
        Assert.All(Results(arxiv), r => Assert.Equal("arxiv.org", r.GetProperty("host").GetString()));
    }

    [Fact]
    public async Task KindAndTopicFiltersNarrowToLinksWithBoth()
    {
        var response = await SearchAsync("deep", "&kind=paper&topic=approximation-theory-for-deep-learning", pageSize: 50);

        Assert.InRange(response.GetProperty("total").GetInt32(), 3, 20);
        Assert.All(Results(response), r =>
        {
            Assert.Equal("paper", r.GetProperty("kind").GetString());
            Assert.Contains("approximation-theory-for-deep-learning", Topics(r));
        });
    }

    [Fact]
    public async Task ALinkInSeveralTopicsIsOneResultListingThemAll()
    {
        var results = Results(await SearchAsync("\"optimal transport theory\"")).ToList();

        var link = Assert.Single(results, r => Url(r) == "https://mc.ai/optimal-transport-theory-the-new-math-for-deep-learning/");
        Assert.Equal(["deep-learning-and-optimal-transport", "geometric-analysis-approach-to-ai"], Topics(link));
        Assert.Equal(results.Count, results.Select(Url).Distinct().Count());
    }

    [Fact]
    public async Task PagesDoNotOverlapAndShareTheTotal()
    {
        var first = await SearchAsync("deep", pageSize: 10);
        var second = await SearchAsync("deep", "&page=2", pageSize: 10);

        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
        Assert.Equal(10, Results(second).Count());
        Assert.Empty(Results(first).Select(Url).Intersect(Results(second).Select(Url)));
    }

    [Fact]
    public async Task SnippetsAreEscapedTextWithOnlyMarkElements()
    {
        var response = await SearchAsync("\"Transport & Machine\" OR approximation OR 知乎", pageSize: 50);

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

    [Fact]
    public async Task SuggestReturnsTopicsAndLinksForAPrefix()
    {
        var response = await _client.GetFromJsonAsync<JsonElement>("/api/search/suggest?q=approx", TestContext.Current.CancellationToken);

        var suggestions = response.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.InRange(suggestions.Count, 2, 8);
        Assert.Equal(["type", "label", "url"], suggestions[0].EnumerateObject().Select(p => p.Name));
        Assert.Contains(suggestions, s => s.GetProperty("type").GetString() == "topic"
            && s.GetProperty("url").GetString() == "/topics/approximation-theory-for-deep-learning");
        Assert.Contains(suggestions, s => s.GetProperty("type").GetString() == "link"
            && s.GetProperty("url").GetString()!.StartsWith("http", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenSearchDescriptionPointsBrowsersAtTheSearchPage()
    {
        var response = await _client.GetAsync("/opensearch.xml", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/opensearchdescription+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        System.Xml.Linq.XNamespace ns = "http://a9.com/-/spec/opensearch/1.1/";
        var html = xml.Root!.Elements(ns + "Url").Single(u => (string?)u.Attribute("type") == "text/html");
        Assert.Equal("http://localhost/search?q={searchTerms}", (string?)html.Attribute("template"));
        Assert.Equal("Catalog", xml.Root.Element(ns + "ShortName")?.Value);
    }

    private async Task<JsonElement> SearchAsync(string q, string more = "", int pageSize = 20) =>
        await _client.GetFromJsonAsync<JsonElement>(
            $"/api/search?q={Uri.EscapeDataString(q)}&pageSize={pageSize}{more}", TestContext.Current.CancellationToken);

    private static IEnumerable<JsonElement> Results(JsonElement response) => response.GetProperty("results").EnumerateArray();

    private static string Url(JsonElement result) => result.GetProperty("url").GetString()!;

    private static List<string> Topics(JsonElement result) =>
        result.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToList();
}
