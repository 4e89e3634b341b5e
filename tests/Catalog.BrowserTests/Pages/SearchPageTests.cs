using System.Globalization;
using System.Text.RegularExpressions;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Catalog.BrowserTests.Pages;

[Collection<BrowserCollection>]
public sealed partial class SearchPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task SearchingFromTheHeaderBoxShowsResultsWithTheWordsMarked()
    {
        await using var observed = await browser.NewPageAsync();
        var page = observed.Page;
        await observed.GotoAsync("/");

        await page.Locator("#site-search").FillAsync("random matrix");
        await page.Locator("#site-search").PressAsync("Enter");

        await page.WaitForURLAsync("**/search?q=random+matrix");
        var marks = page.Locator(".search-snippet mark");
        await Expect(marks.First).ToBeVisibleAsync();
        var marked = await marks.AllInnerTextsAsync();
        Assert.All(marked, word => Assert.Matches("(?i)^(random|matrix|matrices)$", word));
        Assert.Contains(marked, word => word.Equals("matrix", StringComparison.OrdinalIgnoreCase));
        await observed.ScreenshotAsync("search");
        Assert.Empty(observed.Problems);
    }

    [Fact]
    public async Task AFacetNarrowsTheResultsAndPutsTheFilterInTheAddress()
    {
        await using var observed = await browser.NewPageAsync();
        var page = observed.Page;
        await observed.GotoAsync("/search?q=deep");
        var before = await TotalAsync(page);

        var paper = page.Locator(".search-facet").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Kind" }) })
            .Locator("li").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "paper", Exact = true }) });
        var facetCount = int.Parse(await paper.Locator(".search-count").InnerTextAsync(), CultureInfo.InvariantCulture);
        await paper.GetByRole(AriaRole.Link).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("kind=paper", StringComparison.Ordinal));
        var after = await TotalAsync(page);
        Assert.True(after < before, $"the kind filter narrows {before} results, but {after} are left");
        Assert.Equal(facetCount, after);
        Assert.All(await page.Locator(".search-kind").AllInnerTextsAsync(), kind => Assert.Equal("paper", kind, ignoreCase: true));
        await Expect(page.Locator(".search-filters")).ToContainTextAsync("Kind: paper");
        await observed.ScreenshotAsync("search-facet");
        Assert.Empty(observed.Problems);
    }

    private static async Task<int> TotalAsync(IPage page)
    {
        var summary = await page.Locator(".search-summary").InnerTextAsync();
        var match = LeadingCount().Match(summary);
        Assert.True(match.Success, $"the summary gives a count: {summary}");
        return int.Parse(match.Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[0-9,]+")]
    private static partial Regex LeadingCount();
}
