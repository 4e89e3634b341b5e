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

    [Theory]
    [InlineData("/topics/physics-and-deep-learning")] // a seed figure, not kept: a link to it
    [InlineData("/topics/neural-ordinary-differential-equations")]
    [InlineData("/topics/dynamics-and-deep-learning")] // math typeset with KaTeX's own fonts
    public async Task ATopicPageAsksNoOtherSiteForAnythingAndBreaksNoContentSecurityRule(string path)
    {
        await using var observed = await browser.NewPageAsync();
        var elsewhere = new List<string>();
        var origin = browser.Server!.BaseUrl + "/";
        observed.Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        // Injected by the browser itself, not by the page: the policy does not apply to it, so it sees every refusal.
        await observed.Page.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);

        await observed.GotoAsync(path);
        await observed.Page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)"); // lazy images would load now
        await observed.SettledAsync();

        Assert.Empty(elsewhere);
        Assert.Empty(await observed.Page.EvaluateAsync<string[]>("() => window.cspViolations"));
        Assert.Empty(observed.Problems);
    }
}
