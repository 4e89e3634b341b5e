using Catalog.BrowserTests.Infrastructure;

namespace Catalog.BrowserTests.Pages;

/// <summary>Every kind of page loads in the browser with all its styles, scripts and fonts, and nothing complains.</summary>
[Collection<BrowserCollection>]
public sealed class CrawlTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/topics/science-of-deep-learning")]
    [InlineData("/topics/approximation-theory-for-deep-learning")]
    [InlineData("/topics/neural-ordinary-differential-equations")]
    [InlineData("/links/1")]
    [InlineData("/hosts")]
    [InlineData("/hosts/arxiv.org")]
    [InlineData("/kinds")]
    [InlineData("/kinds/paper")]
    [InlineData("/search")]
    [InlineData("/search?q=optimal+transport")]
    [InlineData("/search?q=qwxyzzy")]
    [InlineData("/admin/sign-in")]
    public async Task PageLoadsWithoutConsoleErrorsOrFailedRequests(string path)
    {
        await using var observed = await browser.NewPageAsync();

        await observed.GotoAsync(path);

        Assert.NotEmpty(await observed.Page.Locator("main h1").AllInnerTextsAsync());
        Assert.Empty(observed.Problems);
    }

    [Fact]
    public async Task UnknownAddressShowsTheNotFoundPageWithoutConsoleErrors()
    {
        await using var observed = await browser.NewPageAsync();

        var response = await observed.Page.GotoAsync("/topics/no-such-topic");
        await observed.SettledAsync();

        Assert.Equal(404, response?.Status);
        Assert.NotEmpty(await observed.Page.Locator("main h1").AllInnerTextsAsync());
        Assert.Empty(observed.Problems);
    }
}
