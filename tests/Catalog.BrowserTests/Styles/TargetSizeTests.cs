using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Styles;

/// <summary>WCAG 2.2's target size (minimum): the search facets' links, short labels included, are 24 by 24 CSS pixels or more.</summary>
[Collection<BrowserCollection>]
public sealed class TargetSizeTests(BrowserFixture browser)
{
    public const double MinimumTarget = 24;

    // Lighthouse's mobile viewport and a desktop one: the facets sit beside the results on one, below them on the other.
    [Theory]
    [InlineData(412, 823, true)]
    [InlineData(1280, 800, false)]
    public async Task EveryFacetLinkIsAtLeastTheMinimumTargetSize(int width, int height, bool phone)
    {
        await using var observed = await browser.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
        });
        await observed.GotoAsync("/search?q=deep");

        var links = observed.Page.Locator(".search-facet a");
        var boxes = new List<(string Label, LocatorBoundingBoxResult Box)>();
        foreach (var link in await links.AllAsync())
        {
            boxes.Add((await link.InnerTextAsync(), (await link.BoundingBoxAsync())!));
        }

        Assert.True(boxes.Count >= 10, $"expected the query to show facets, found {boxes.Count} links");
        Assert.All(boxes, b => Assert.True(b.Box.Width >= MinimumTarget && b.Box.Height >= MinimumTarget,
            $"facet link \"{b.Label}\" is {b.Box.Width:F1} x {b.Box.Height:F1} px"));
        Assert.Empty(observed.Problems);
    }
}
