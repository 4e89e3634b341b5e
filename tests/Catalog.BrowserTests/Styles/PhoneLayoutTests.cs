using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Styles;

/// <summary>wwwroot/css on a 375 px phone: nothing sticks out sideways, so nobody has to scroll horizontally.</summary>
[Collection<BrowserCollection>]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    // The widest things in the catalog: long unbroken URLs (the topic), and URLs plus facets (the search).
    [Theory]
    [InlineData("/", "phone-home")]
    [InlineData("/topics/mathematics-of-deep-learning", "phone")]
    [InlineData("/search?q=tu-berlin", "phone-search")]
    [InlineData("/links/1", "phone-link")]
    public async Task PhoneViewportHasNoHorizontalOverflow(string path, string screenshot)
    {
        await using var observed = await browser.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 812 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        await observed.GotoAsync(path);

        var widths = await observed.Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");

        Assert.True(widths[1] == 375, $"the page is laid out for the phone's width, not {widths[1]} px");
        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen: {await WidestAsync(observed.Page)}");
        await ScrollToLongestLabelAsync(observed.Page);
        await observed.ScreenshotAsync(screenshot, fullPage: false);
        Assert.Empty(observed.Problems);
    }

    // The screenshot shows how the longest unbroken word (a URL) wraps, not just the top of the page.
    private static Task ScrollToLongestLabelAsync(IPage page) => page.EvaluateAsync("""
        () => {
          const longestWord = el => Math.max(0, ...el.textContent.split(/\s+/).filter(w => w.includes('/')).map(w => w.length));
          [...document.querySelectorAll('main .label, main .url, main .search-url')]
            .sort((a, b) => longestWord(b) - longestWord(a))[0]
            ?.scrollIntoView({ block: 'start' });
        }
        """);

    // Names the elements that reach past the right edge, to say what to fix.
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')]
          .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .slice(0, 5)
          .map(el => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`)
          .join(', ')
        """);
}
