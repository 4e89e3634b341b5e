using System.Net;
using AngleSharp.Html.Dom;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Catalog.Web.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalog.Tests.Web;

/// <summary>
/// The output cache is bounded, and a stream of distinct searches (asked once each) does not fill it: a search is
/// stored when it is asked again soon, and answered from the cache from then on.
/// </summary>
public sealed class OutputCacheBoundsTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public void TheCacheHasASizeLimitAndAMaximumAnswerSize()
    {
        var options = factory.Services.GetRequiredService<IOptions<OutputCacheOptions>>().Value;

        Assert.Equal(CatalogCache.SizeLimitBytes, options.SizeLimit);
        Assert.Equal(CatalogCache.MaximumBodyBytes, options.MaximumBodySize);
        Assert.True(options.UseCaseSensitivePaths);
    }

    [Theory]
    [InlineData("/search?q=optimal+transport")]
    [InlineData("/api/search?q=random+matrix")]
    [InlineData("/api/search/suggest?q=topol")]
    public async Task ASearchIsStoredOnlyWhenItIsAskedASecondTime(string url)
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await _client.GetAsync(url, ct);
        using var second = await _client.GetAsync(url, ct);
        using var third = await _client.GetAsync(url, ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(second.Headers.Age);
        Assert.NotNull(third.Headers.Age);
    }

    [Fact]
    public async Task ATopicPageIsStoredTheFirstTime()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await _client.GetAsync("/topics/topology-and-deep-learning", ct);
        using var second = await _client.GetAsync("/topics/topology-and-deep-learning", ct);

        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
    }

    // The page reads the first q: the other order is another search, never answered with this one's results.
    [Fact]
    public async Task RepeatedParametersAreKeyedByTheValueThePageReads()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("physics", await SearchBoxAsync("/search?q=physics&q=transport"));
        }

        Assert.Equal("transport", await SearchBoxAsync("/search?q=transport&q=physics"));
    }

    private async Task<string?> SearchBoxAsync(string url)
    {
        var page = await _client.GetDocumentAsync(url);
        return (page.QuerySelector("#site-search") as IHtmlInputElement)?.Value;
    }
}
