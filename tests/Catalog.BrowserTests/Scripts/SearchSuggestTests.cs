using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Catalog.BrowserTests.Scripts;

/// <summary>wwwroot/js/search-suggest.js: the header search box as a combobox with a list of suggestions.</summary>
[Collection<BrowserCollection>]
public sealed class SearchSuggestTests(BrowserFixture browser)
{
    [Fact]
    public async Task TypingShowsSuggestionsThatTheArrowKeysAndEnterPick()
    {
        await using var observed = await browser.NewPageAsync();
        var page = observed.Page;
        await observed.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search the catalog" });

        // One input event, so one answer fills the list: typed key by key, a late answer for "random ma" could
        // re-render the list under the arrow keys.
        await box.FillAsync("random mat");

        var list = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" });
        await Expect(list).ToBeVisibleAsync();
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        var options = list.GetByRole(AriaRole.Option);
        await Expect(options.First).ToContainTextAsync("Random Matrix Theory and Deep Learning");
        Assert.True(await options.CountAsync() > 1, "links follow the topic");

        // Down twice and up once comes back to the first suggestion, the topic.
        await box.PressAsync("ArrowDown");
        await box.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("ArrowUp");
        await Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "false");
        await Expect(box).ToHaveAttributeAsync("aria-activedescendant", (await options.First.GetAttributeAsync("id"))!);
        await observed.ScreenshotAsync("search-suggest");

        await box.PressAsync("Enter");

        // The URL is what Enter decides; the heading below waits for the page itself. Waiting for the load event as
        // well timed out twice in full CI runs on two busy cores, with the page already there.
        await page.WaitForURLAsync("**/topics/random-matrix-theory-and-deep-learning", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("h1")).ToHaveTextAsync("Random Matrix Theory and Deep Learning");
        Assert.Empty(observed.Problems);
    }
}
