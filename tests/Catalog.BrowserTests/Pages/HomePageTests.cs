using Catalog.BrowserTests.Infrastructure;

namespace Catalog.BrowserTests.Pages;

public sealed class HomePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task HomeShowsTheTopicTreeWithoutConsoleErrorsOrFailedRequests()
    {
        await using var observed = await browser.NewPageAsync();

        await observed.Page.GotoAsync("/");

        Assert.Equal("Topics - Catalog", await observed.Page.TitleAsync());
        var topics = await observed.Page.Locator("main a[href^='/topics/']").AllInnerTextsAsync();
        Assert.Contains("Deep Learning Reading Group", topics);
        Assert.Contains("Random Matrix Theory and Deep Learning", topics);
        await observed.ScreenshotAsync("home");
        Assert.Empty(observed.Problems);
    }

    [Fact]
    public async Task FirstTabReachesTheSkipLink()
    {
        await using var observed = await browser.NewPageAsync();
        await observed.Page.GotoAsync("/");

        await observed.Page.Keyboard.PressAsync("Tab");

        var focused = await observed.Page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''");
        Assert.Equal("Skip to content", focused);
        var skipLeft = await observed.Page.EvaluateAsync<double>("() => document.activeElement.getBoundingClientRect().left");
        Assert.True(skipLeft >= 0, "the focused skip link is on screen");
    }
}
