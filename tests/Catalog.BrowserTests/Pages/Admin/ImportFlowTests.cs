using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Catalog.BrowserTests.Pages.Admin;

[Collection<AdminBrowserCollection>]
public sealed class ImportFlowTests(AdminBrowserFixture browser)
{
    [Fact]
    public async Task AdminSignsInPreviewsAChangedSeedAppliesItAndSeesTheRunInTheHistory()
    {
        await using var observed = await browser.NewPageAsync();
        var page = observed.Page;
        await AdminSession.SignInAsync(page, "/admin/history");
        var runsBefore = await page.Locator("table.runs tbody tr").CountAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/import");
        await AdminSession.PreviewChangedSeedAsync(page);

        await Expect(page.Locator("#report-source")).ToHaveTextAsync("science-of-deep-learning.md");
        await Expect(page.Locator("details.changes")).Not.ToHaveCountAsync(0);
        var changes = page.Locator("section.report");
        await Expect(changes).ToContainTextAsync("Kernel Methods and Deep Learning");
        await Expect(changes).ToContainTextAsync("Topology and Deep Learning");
        await observed.ScreenshotAsync("admin-import");

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/admin/history/", StringComparison.Ordinal));
        await Expect(page.Locator("#applied")).ToContainTextAsync("Applied");
        await page.GetByRole(AriaRole.Link, new() { Name = "All imports" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/history");
        var runs = page.Locator("table.runs tbody tr");
        await Expect(runs).ToHaveCountAsync(runsBefore + 1);
        await Expect(runs.First).ToContainTextAsync("science-of-deep-learning.md");
        await Expect(runs.First.Locator("td").Nth(1)).ToHaveTextAsync("admin");
        await Expect(runs.First.Locator(".current")).ToHaveTextAsync("current");
        await observed.ScreenshotAsync("admin-history");

        // The public site serves the new version.
        await observed.GotoAsync("/topics/kernel-methods-and-deep-learning");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Kernel Methods and Deep Learning");
        Assert.Empty(observed.Problems);
    }

    [Fact]
    public async Task AdminPagesHaveNoSeriousOrCriticalAxeViolations()
    {
        await using var observed = await browser.NewPageAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = observed.Page;
        await AdminSession.SignInAsync(page, "/admin/import");
        var found = new List<string>();

        await CheckBothSchemesAsync("import form");
        await AdminSession.PreviewChangedSeedAsync(page);
        await CheckBothSchemesAsync("dry run");
        await observed.GotoAsync("/admin/history");
        await CheckBothSchemesAsync("history");

        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.Empty(observed.Problems);

        async Task CheckBothSchemesAsync(string name)
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
                var violations = await Axe.SeriousViolationsAsync(page);
                if (violations.Count > 0)
                {
                    found.Add($"{name} ({scheme}):\n{Axe.Describe(violations)}");
                }
            }
        }
    }
}
