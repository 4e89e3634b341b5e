using Catalog.BrowserTests.Infrastructure;
using Catalog.Web.Links;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Catalog.BrowserTests.Pages.Admin;

[Collection<LinkHealthBrowserCollection>]
public sealed class LinkReportTests(LinkHealthBrowserFixture browser)
{
    [Fact]
    public async Task AfterASecondFailedCheckStartedFromThePageTheReportShowsDeadAndMovedLinksByTopicWithTheSuggestedSeed()
    {
        await using var observed = await browser.NewPageAsync();
        await using (var scope = browser.Server!.Services.CreateAsyncScope())
        {
            // The first strike; the page starts the second.
            await scope.ServiceProvider.GetRequiredService<LinkCheckRunner>().RunAsync(new LinkCheckRequest(), "browser test", null, TestContext.Current.CancellationToken);
        }

        var page = observed.Page;
        await AdminSession.SignInAsync(page, "/admin/links");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check links now" }).ClickAsync();

        // The page reloads itself while the run is under way, then shows the run's counts.
        await Expect(page.Locator("#last")).ToContainTextAsync("checked 8: ok 3, redirected 2, broken 3");
        await Expect(page.Locator("#last")).ToContainTextAsync("dead 3, archived 2");
        await Expect(page.Locator("section.topic-report h3")).ToHaveTextAsync(["Papers", "Courses"]);
        await Expect(page.Locator("section.topic-report tr.dead")).ToHaveCountAsync(3);
        await Expect(page.Locator("section.topic-report tr.moved")).ToHaveCountAsync(2);
        await Expect(page.Locator("section.topic-report tr.dead .seed-line").First).ToHaveTextAsync("reading-list.md:8");
        await Expect(page.Locator("section.suggestion h3")).ToHaveTextAsync("reading-list.md: 4 lines changed");
        await Expect(page.Locator("pre.seed-diff ins").First).ToContainTextAsync("https://web.archive.org/web/20210315094500/");
        await observed.ScreenshotAsync("admin-links");
        Assert.Empty(observed.Problems);
    }
}
