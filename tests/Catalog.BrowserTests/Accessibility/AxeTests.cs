using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Accessibility;

/// <summary>axe-core finds nothing serious or critical on the public pages, in the light and the dark colour scheme.</summary>
[Collection<AccessibilityCollection>]
public sealed class AxeTests(BrowserFixture browser)
{
    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        string[] paths =
        [
            "/", "/topics/physics-and-deep-learning", "/topics/dynamics-and-deep-learning",
            "/search?q=random+matrix", "/links/1", "/hosts/arxiv.org",
        ];
        foreach (var path in paths)
        {
            data.Add(path, "light");
            data.Add(path, "dark");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PageHasNoSeriousOrCriticalAxeViolations(string path, string scheme)
    {
        await using var observed = await browser.NewPageAsync(new BrowserNewContextOptions
        {
            BypassCSP = true,
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        await observed.GotoAsync(path);

        var violations = await Axe.SeriousViolationsAsync(observed.Page);

        Assert.True(violations.Count == 0, $"{path} ({scheme}):\n{Axe.Describe(violations)}");
        Assert.Empty(observed.Problems);
    }
}
