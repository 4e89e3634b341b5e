using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Pages;
using Catalog.Web.Data;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Pages;

public sealed class StatusPageTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AMistypedTopicSuggestsTheClosestTopicFirst()
    {
        var page = await _client.GetDocumentAsync("/topics/phisics-and-deep-lerning", HttpStatusCode.NotFound);

        Assert.Equal("Page not found - Catalog", page.Title);
        Assert.Equal("/topics/phisics-and-deep-lerning", page.QuerySelector("main code.url")?.TextContent);
        var suggestions = page.QuerySelectorAll("ul.suggestions a").ToList();
        Assert.Equal("Physics and Deep Learning", suggestions[0].TextContent);
        Assert.Equal("/topics/physics-and-deep-learning", suggestions[0].GetAttribute("href"));
        Assert.InRange(suggestions.Count, 1, StatusModel.SuggestionCount);
    }

    [Fact]
    public async Task SharedWordsFindATopicWhoseSlugIsFarOff()
    {
        var page = await _client.GetDocumentAsync("/topics/optimal-transport", HttpStatusCode.NotFound);

        Assert.Equal("Deep learning and Optimal Transport", page.QuerySelector("ul.suggestions a")?.TextContent);
    }

    [Fact]
    public async Task AnAddressWithNoWordsInCommonOffersTheTopOfTheTree()
    {
        var page = await _client.GetDocumentAsync("/links/424242", HttpStatusCode.NotFound);

        Assert.Equal("Start from a topic", page.QuerySelector("#roots-heading")?.TextContent);
        Assert.Equal("/topics/science-of-deep-learning", page.QuerySelector("ul.suggestions a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task AnyUnknownAddressGetsTheHtmlNotFoundPage()
    {
        var page = await _client.GetDocumentAsync("/no/such/page", HttpStatusCode.NotFound);

        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.NotNull(page.QuerySelector("form[role=search]"));
    }

    [Fact]
    public async Task APostToAnUnknownAddressGetsTheSameHtmlPage()
    {
        using var response = await _client.PostAsync("/no/such/form", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task TheApiKeepsItsJson404()
    {
        using var response = await _client.GetAsync("/api/topics/no-such-topic", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("physics-and-deep-learning", "physics-and-deep-learning", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("深度学习", "深度学", 1)]
    public void DistanceIsTheLevenshteinDistance(string a, string b, int expected)
    {
        Assert.Equal(expected, TopicSuggestions.Distance(a, b));
        Assert.Equal(expected, TopicSuggestions.Distance(b, a));
    }

    [Fact]
    public void SuggestionsIgnoreUnrelatedTopics()
    {
        TopicRef[] topics = [new("topology-and-deep-learning", "Topology and Deep Learning"), new("deep-unrolling", "Deep Unrolling")];

        var suggestions = new TopicSuggestions(topics);

        Assert.Equal([topics[0]], suggestions.Closest("/topics/topolgy", 5));
        Assert.Empty(suggestions.Closest("/links/12345", 5));
    }

    [Fact]
    public void DistanceIsTheTablesAtEveryLengthAndInEveryScript()
    {
        // The bit-parallel distance (up to 64 characters) and the table (beyond) against the textbook recurrence, on
        // strings from a small alphabet (so they share much) of Latin, dashes and Chinese, 0 to 90 characters long.
        var random = new Random(404);
        const string alphabet = "abcde-深度学";
        for (var n = 0; n < 2_000; n++)
        {
            var a = new string([.. Enumerable.Range(0, random.Next(91)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var b = new string([.. Enumerable.Range(0, random.Next(91)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

            Assert.Equal(Recurrence(a, b), TopicSuggestions.Distance(a, b));
        }
    }

    [Fact]
    public async Task TheSuggestionsOfAVersionAreReadOnceAndAgainForTheNext()
    {
        var version = new CatalogVersion();
        using var topics = new NotFoundTopics(version);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var ct = TestContext.Current.CancellationToken;

        var first = await topics.CurrentAsync(db, StatusModel.SuggestionCount, ct);
        var again = await topics.CurrentAsync(db, StatusModel.SuggestionCount, ct);
        version.Set(version.Current with { Version = version.Current.Version + 1 });
        var next = await topics.CurrentAsync(db, StatusModel.SuggestionCount, ct);

        Assert.Same(first, again);
        Assert.NotSame(first, next);
        Assert.Equal(version.Current.Version, next.Version);
        Assert.Equal(first.Roots, next.Roots);
        Assert.Equal("Physics and Deep Learning", next.Suggestions.Closest("/topics/phisics-and-deep-lerning", 1).Single().Title);
    }

    // D[i][j] = min(D[i-1][j] + 1, D[i][j-1] + 1, D[i-1][j-1] + (a[i-1] != b[j-1])), the whole table.
    private static int Recurrence(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            for (var j = 0; j <= b.Length; j++)
            {
                d[i, j] = i == 0 ? j : j == 0 ? i
                    : Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
