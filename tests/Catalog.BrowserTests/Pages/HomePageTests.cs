using Catalog.BrowserTests.Infrastructure;

namespace Catalog.BrowserTests.Pages;

[Collection<BrowserCollection>]
public sealed class HomePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task HomeShowsTheTopicTreeWithoutConsoleErrorsOrFailedRequests()
    {
        await using var observed = await browser.NewPageAsync();

        await observed.GotoAsync("/");

        Assert.Equal("Topics - Catalog", await observed.Page.TitleAsync());
        var topics = await observed.Page.Locator("main a[href^='/topics/']").AllInnerTextsAsync();
        Assert.Contains("Deep Learning Reading Group", topics);
        Assert.Contains("Random Matrix Theory and Deep Learning", topics);
        await observed.ScreenshotAsync("home");
        Assert.Empty(observed.Problems);
    }
}
