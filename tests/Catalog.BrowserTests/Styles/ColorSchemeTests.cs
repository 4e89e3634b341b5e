using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Styles;

/// <summary>wwwroot/css follows prefers-color-scheme: a reader who asks for dark gets a dark page with light text.</summary>
[Collection<BrowserCollection>]
public sealed class ColorSchemeTests(BrowserFixture browser)
{
    // WCAG relative luminance of an element's computed colour and of the background it sits on (the nearest
    // ancestor with an opaque background).
    private const string LuminanceScript = """
        selector => {
          const channel = c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
          const parse = value => value.match(/[\d.]+/g).map(Number);
          const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          const el = document.querySelector(selector);
          let back = el;
          while (back && (parse(getComputedStyle(back).backgroundColor)[3] ?? 1) === 0) back = back.parentElement;
          const background = back ? parse(getComputedStyle(back).backgroundColor) : [255, 255, 255];
          return [luminance(background), luminance(parse(getComputedStyle(el).color))];
        }
        """;

    [Theory]
    [InlineData("/", "h1", "dark")]
    [InlineData("/topics/dynamics-and-deep-learning", ".intro", "dark-topic")]
    [InlineData("/search?q=random+matrix", ".search-snippet", "dark-search")]
    public async Task DarkColorSchemeGivesADarkPageWithLightText(string path, string text, string screenshot)
    {
        await using var observed = await browser.NewPageAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });
        await observed.GotoAsync(path);

        var body = await observed.Page.EvaluateAsync<double[]>(LuminanceScript, "body");
        var content = await observed.Page.EvaluateAsync<double[]>(LuminanceScript, text);

        Assert.True(body[0] < 0.05, $"the page background is dark (luminance {body[0]:0.000})");
        Assert.True(body[1] > 0.6, $"the body text is light (luminance {body[1]:0.000})");
        Assert.True(content[0] < 0.05 && content[1] > 0.6, $"{text} is light on dark (luminance {content[1]:0.000} on {content[0]:0.000})");
        await observed.ScreenshotAsync(screenshot);
        Assert.Empty(observed.Problems);
    }

    [Fact]
    public async Task LightColorSchemeGivesALightPageWithDarkText()
    {
        await using var observed = await browser.NewPageAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Light });
        await observed.GotoAsync("/");

        var body = await observed.Page.EvaluateAsync<double[]>(LuminanceScript, "body");

        Assert.True(body[0] > 0.8 && body[1] < 0.05, $"dark text ({body[1]:0.000}) on a light page ({body[0]:0.000})");
        Assert.Empty(observed.Problems);
    }
}
