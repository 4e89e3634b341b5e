using System.Net;
using System.Text;
using AngleSharp.Dom;

namespace Catalog.Tests.Admin;

/// <summary>
/// An uploaded file's name is the source's name on every page that shows it; control characters in it are shown as
/// visible escapes, so a name cannot hide text, fake a line or reach a terminal that displays the page's source.
/// </summary>
public sealed class UploadNameEscapingTests
{
    private const string HostileName = "evil\u001B[2J\u0007name.md";
    private const string ShownName = "evil\\u001B[2J\\u0007name.md";

    [Fact]
    public async Task AnUploadNameWithControlCharactersIsShownEscapedInThePreviewTheRunAndThePublicFooter()
    {
        await using var factory = new AdminFactory();
        var browser = await factory.SignedInBrowserAsync();
        var markdown = Encoding.UTF8.GetBytes("# Hostile names\n\n- [Example](https://example.org/hostile-name)\n");

        var preview = await (await ImportPageTests.PreviewUploadAsync(browser, HostileName, markdown)).ReadPageAsync();
        Assert.Equal(ShownName, preview.QuerySelector("#report-source")?.TextContent);

        var applied = await browser.SubmitAsync(preview.Form("form#apply"), "/admin/import");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(HostileName, CatalogFile.Text(factory.DatabasePath, "SELECT Name FROM Sources ORDER BY Id DESC LIMIT 1"));

        var run = await browser.GetPageAsync(applied.Headers.Location!.OriginalString);
        Assert.Equal("Import of " + ShownName, run.QuerySelector("h1")?.TextContent);
        var admin = await browser.GetPageAsync("/admin");
        var history = await browser.GetPageAsync("/admin/history");
        var home = await factory.CreateClient().GetPageAsync("/");
        Assert.Contains(ShownName, home.QuerySelectorAll("code.source").Select(c => c.TextContent));

        foreach (var page in new[] { preview, run, admin, history, home })
        {
            Assert.DoesNotContain(page.Body!.TextContent, c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
            Assert.Contains(ShownName, page.Body!.TextContent, StringComparison.Ordinal);
        }
    }
}
