using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Pages;
using Catalog.Web.Pages.Shared;

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

        Assert.Equal([topics[0]], TopicSuggestions.Closest("/topics/topolgy", topics, 5));
        Assert.Empty(TopicSuggestions.Closest("/links/12345", topics, 5));
    }
}
