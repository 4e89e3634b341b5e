using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Pages;

/// <summary>
/// Each page is a fixed handful of queries, however many links, mentions or subtopics it shows: an N+1 would make the
/// count grow with the page. A cookie makes a request miss the output cache (the cache keys a page only by the query
/// parameters it reads, so a fresh query string no longer does).
/// </summary>
public sealed class QueryCountTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    // One more since topic pages are paginated: the count of the topic's links; one more for the rows' link metadata.
    public const int TopicPageBudget = 10;

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ATopicPageRunsTheSameFewQueriesWhateverItsSize()
    {
        var small = await CommandsAsync("/topics/neural-ordinary-differential-equations");
        var large = await CommandsAsync("/topics/mathematics-of-deep-learning");
        var withQuoteAndImage = await CommandsAsync("/topics/physics-and-deep-learning");

        Assert.InRange(large, 1, TopicPageBudget);
        Assert.Equal(large, small);
        Assert.Equal(large, withQuoteAndImage);
    }

    [Fact]
    public async Task LinkHostAndKindPagesRunTheSameFewQueriesWhateverTheirSize()
    {
        Assert.Equal(await CommandsAsync("/links/2"), await CommandsAsync("/links/9"));
        // The link with its health, its check history, its mentions, its neighbours, its fetched metadata, the same
        // work at other URLs.
        Assert.InRange(await CommandsAsync("/links/9"), 1, 8);
        Assert.Equal(await CommandsAsync("/hosts/arxiv.org"), await CommandsAsync("/hosts/gogul.dev"));
        // The counts, then the page, then the rows' link metadata.
        Assert.Equal(3, await CommandsAsync("/hosts/arxiv.org"));
        Assert.Equal(await CommandsAsync("/kinds/other"), await CommandsAsync("/kinds/book"));
        Assert.InRange(await CommandsAsync("/"), 1, 6);
    }

    [Fact]
    public async Task ASearchAnsweredFromMemoryRunsNoQueryOnceItsHitsHealthAndMetadataAreKnown()
    {
        // The first asks the hits' health and metadata (two statements); the version's index answers the rest.
        var first = await CommandsAsync("/api/search?q=neural");
        var again = await CommandsAsync("/api/search?q=neural");
        var sameHits = await CommandsAsync("/api/search?q=neural&pageSize=5");

        Assert.True(first >= 2, $"{first} commands");
        Assert.Equal(0, again);
        Assert.Equal(0, sameHits);
    }

    [Fact]
    public async Task ARepeatedRequestIsServedFromTheOutputCacheWithoutQueries()
    {
        var url = "/topics/deep-unrolling";
        using var first = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        using var second = await _client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.True(first.SqlCommands() > 0);
        Assert.Equal(0, second.SqlCommands());
        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/topics/the-f-principle")]
    [InlineData("/api/topics/the-f-principle")]
    public async Task ARequestWithACookieIsNeverAnsweredFromTheCache(string path)
    {
        var url = path;
        using var anonymous = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        using var cached = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Cookie", "someone=1" } } };
        using var personal = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(anonymous.SqlCommands() > 0);
        Assert.Equal(0, cached.SqlCommands());
        Assert.True(personal.SqlCommands() > 0);
    }

    private async Task<int> CommandsAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", "uncached=1" } } };
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return response.SqlCommands();
    }
}
