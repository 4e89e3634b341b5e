using System.Globalization;
using Catalog.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Catalog.BrowserTests.Accessibility;

[Collection<AccessibilityCollection>]
public sealed class KeyboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task FirstTabReachesTheSkipLinkAndEnterMovesTheFocusToMain()
    {
        await using var observed = await browser.NewPageAsync();
        var page = observed.Page;
        await observed.GotoAsync("/topics/mathematics-of-deep-learning");

        await page.Keyboard.PressAsync("Tab");

        var skip = page.Locator("a.skip");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToHaveTextAsync("Skip to content");
        await Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var next = await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)");
        Assert.True(next, "the Tab after the skip link goes on inside main, past the header");
        Assert.Empty(observed.Problems);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/topics/mathematics-of-deep-learning")]
    [InlineData("/search?q=random+matrix")]
    public async Task EveryControlIsReachedByTabAndVisiblyFocused(string path)
    {
        await using var observed = await browser.NewPageAsync();
        await observed.GotoAsync(path);

        var (controls, stops) = await FocusWalk.TabThroughAsync(observed.Page);

        Assert.True(controls.Length >= 20, $"{path} has its header, content and footer controls, not only {controls.Length}");
        var reached = stops.Select(s => s.Probe).ToHashSet();
        var missed = controls.Where((_, i) => !reached.Contains(i.ToString(CultureInfo.InvariantCulture))).ToList();
        Assert.True(missed.Count == 0, $"Tab never reaches {missed.Count} of {controls.Length} controls: {string.Join(", ", missed)}");
        var unmarked = stops.Where(s => !s.IsVisiblyFocused).Select(s => $"{s.Name} [{s.Focused}] vs [{s.Unfocused}]").Distinct().ToList();
        Assert.True(unmarked.Count == 0, "focus is invisible on:\n" + string.Join("\n", unmarked));
        Assert.Empty(observed.Problems);
    }
}
