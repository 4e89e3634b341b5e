using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Catalog.BrowserTests.Pages.Topics;

[Collection<BrowserCollection>]
public sealed class TopicPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task HomeToTopicToLinkPageAndBackLandsOnTheTopicAgain()
    {
        await using var observed = await browser.NewPageAsync();
        var page = observed.Page;
        await observed.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Random Matrix Theory and Deep Learning", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/topics/random-matrix-theory-and-deep-learning");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Random Matrix Theory and Deep Learning");

        var details = page.Locator("main .link-row a.details").First;
        var linkLabel = await page.Locator("main .link-row .label").First.InnerTextAsync();
        await details.ClickAsync();
        await page.WaitForURLAsync("**/links/*");
        await Expect(page.Locator("h1")).ToHaveTextAsync(linkLabel);
        await Expect(page.Locator(".mentions a.topic")).ToContainTextAsync(["Random Matrix Theory and Deep Learning"]);

        await page.GoBackAsync();
        await page.WaitForURLAsync("**/topics/random-matrix-theory-and-deep-learning");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Random Matrix Theory and Deep Learning");
        await observed.ScreenshotAsync("topic-after-back");
        Assert.Empty(observed.Problems);
    }

    [Fact]
    public async Task MathInATopicIntroIsTypesetByKatex()
    {
        await using var observed = await browser.NewPageAsync();

        await observed.GotoAsync("/topics/dynamics-and-deep-learning");

        var math = observed.Page.Locator(".intro .katex");
        await Expect(math.First).ToBeVisibleAsync();
        Assert.True(await math.CountAsync() >= 3, "the intro's inline formulas are each typeset");
        await Expect(observed.Page.Locator(".katex-error")).ToHaveCountAsync(0);
        Assert.DoesNotContain("\\(", await observed.Page.Locator(".intro").InnerTextAsync(), StringComparison.Ordinal);
        await observed.ScreenshotAsync("topic");
        Assert.Empty(observed.Problems);
    }
}
