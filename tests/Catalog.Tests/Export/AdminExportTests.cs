using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Catalog.Tests.Admin;

namespace Catalog.Tests.Export;

/// <summary>The admin page's markdown export: one form per source, with the resolved checkbox.</summary>
public sealed class AdminExportTests(AdminFactory factory) : IClassFixture<AdminFactory>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheAdminPageDownloadsEachSourceAsTheFileItWasBuiltFrom(bool resolved)
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = await factory.SignedInBrowserAsync();
        var page = await browser.GetPageAsync("/admin");

        var form = Assert.Single(page.QuerySelectorAll<IHtmlFormElement>("form.export-source"));
        Assert.Equal("get", form.Method, ignoreCase: true);
        var checkbox = (IHtmlInputElement)form.QuerySelector("input[type=checkbox][name=resolved]")!;
        // As a browser submits a GET form: the action, then each checked box as name=value.
        var url = form.GetAttribute("action") + (resolved ? $"?{checkbox.Name}={checkbox.Value}" : "");
        Assert.Equal("/export/science-of-deep-learning.md" + (resolved ? "?resolved=true" : ""), url);

        using var response = await browser.GetAsync(url, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var original = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", "science-of-deep-learning.md"), ct);
        Assert.Equal(original, await response.Content.ReadAsByteArrayAsync(ct));
    }
}
