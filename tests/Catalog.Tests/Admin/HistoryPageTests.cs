using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;

namespace Catalog.Tests.Admin;

public sealed class HistoryPageTests
{
    [Theory]
    [OnEachDatabase]
    public async Task HistoryListsEveryAppliedImportWithWhoFileCountsAndDiff(DatabaseProvider provider)
    {
        await using var factory = AdminFactory.On(provider);
        var browser = await factory.SignedInBrowserAsync();
        var firstUrls = factory.Scalar("""SELECT COUNT(*) FROM "Links" """);
        var preview = await (await ImportPageTests.PreviewUploadAsync(browser, Seeds.Name, Seeds.Changed)).ReadPageAsync();
        await browser.SubmitAsync(preview.Form("form#apply"), "/admin/import");
        var counts = string.Join(", ", new[] { "Topics", "Mentions", "Quotes", "Images" }
            .Select(table => factory.Scalar($"""SELECT COUNT(*) FROM "{table}" """))
            .Zip(["topics", "links", "quotes", "images"], (n, what) => $"{n} {what}"));

        var history = await browser.GetPageAsync("/admin/history");

        var rows = history.QuerySelectorAll("table.runs tbody tr");
        Assert.Equal(2, rows.Length);
        var latest = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("admin", latest[1]);
        Assert.StartsWith(Seeds.Name, latest[2]);
        Assert.Equal(counts, latest[3]);
        Assert.Matches(@"^topics \+1 −1, 1 renamed; links \+2 −\d+, 2 changed$", latest[4]);
        Assert.Equal("current", latest[5]);
        var first = rows[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("first-run", first[1]);
        Assert.Equal($"topics +17 −0, 0 renamed; links +{firstUrls} −0, 0 changed", first[4]);
        Assert.NotNull(rows[1].QuerySelector("form.restore"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AnEarlierVersionIsRestoredThroughTheSamePreviewAndApply(DatabaseProvider provider)
    {
        await using var factory = AdminFactory.On(provider);
        var browser = await factory.SignedInBrowserAsync();
        var original = factory.Text("""SELECT "Sha256" FROM "Sources" """);
        var preview = await (await ImportPageTests.PreviewUploadAsync(browser, Seeds.Name, Seeds.Changed)).ReadPageAsync();
        await browser.SubmitAsync(preview.Form("form#apply"), "/admin/import");
        var history = await browser.GetPageAsync("/admin/history");

        var restore = await browser.SubmitAsync(history.Form("table.runs tbody tr:last-child form.restore"), "/admin/history");

        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var restorePreview = await restore.ReadPageAsync();
        Assert.StartsWith($"Restoring {Seeds.Name} as imported ", restorePreview.QuerySelector("#import-notice")?.TextContent);
        Assert.Equal(["Deep learning and Optimal Transport: renamed from \"Optimal Transport and Deep Learning\""], ImportPageTests.Items(restorePreview, "TopicRenamed"));
        Assert.Equal(["Topology and Deep Learning"], ImportPageTests.Items(restorePreview, "TopicAdded"));

        var applied = await browser.SubmitAsync(restorePreview.Form("form#apply"), "/admin/import");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(original, factory.Text("""SELECT "Sha256" FROM "Sources" """));
        Assert.Equal(1, factory.Scalar("""SELECT COUNT(*) FROM "Topics" WHERE "Slug" = 'topology-and-deep-learning'"""));

        // The topic is back under its old slug, which stops answering 410; the renamed one's slug is live again too.
        Assert.Equal(0, factory.Scalar("""SELECT COUNT(*) FROM "SlugRedirects" WHERE "Slug" IN ('topology-and-deep-learning', 'deep-learning-and-optimal-transport')"""));
        Assert.Equal("deep-learning-and-optimal-transport", factory.Text("""SELECT "TopicSlug" FROM "SlugRedirects" WHERE "Slug" = 'optimal-transport-and-deep-learning'"""));
    }

    [Theory]
    [OnEachDatabase]
    public async Task RunPageListsEveryChangeOfThatImport(DatabaseProvider provider)
    {
        await using var factory = AdminFactory.On(provider);
        var browser = await factory.SignedInBrowserAsync();
        var urls = factory.Scalar("""SELECT COUNT(*) FROM "Links" """);

        var run = await browser.GetPageAsync("/admin/history/1");

        Assert.Equal($"Import of {Seeds.Name}", run.QuerySelector("h1")?.TextContent);
        Assert.Equal(17, ImportPageTests.Items(run, "TopicAdded").Count);
        Assert.Equal(urls, ImportPageTests.Items(run, "LinkAdded").Count);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/admin/history/999", TestContext.Current.CancellationToken)).StatusCode);
    }
}
