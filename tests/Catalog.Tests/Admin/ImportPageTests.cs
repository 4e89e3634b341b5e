using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;

namespace Catalog.Tests.Admin;

public sealed class ImportPageTests
{
    [Theory]
    [OnEachDatabase]
    public async Task PreviewOfTheChangedSeedListsExactlyItsChangesAndChangesNothing(DatabaseProvider provider)
    {
        await using var factory = AdminFactory.On(provider);
        var browser = await factory.SignedInBrowserAsync();
        var before = factory.Snapshot();
        var topologyUrls = factory.Scalar("""SELECT COUNT(DISTINCT m."LinkId") FROM "Mentions" m JOIN "Topics" t ON t."Id" = m."TopicId" WHERE t."Slug" = 'topology-and-deep-learning'""");

        var preview = await PreviewUploadAsync(browser, Seeds.Name, Seeds.Changed);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.ReadPageAsync();
        Assert.Equal(["Kernel Methods and Deep Learning"], Items(page, "TopicAdded"));
        Assert.Equal(["Topology and Deep Learning"], Items(page, "TopicRemoved"));
        Assert.Equal(["Optimal Transport and Deep Learning: renamed from \"Deep learning and Optimal Transport\""], Items(page, "TopicRenamed"));
        Assert.Equal(2, Items(page, "LinkAdded").Count);
        Assert.All(Items(page, "LinkAdded"), item => Assert.StartsWith("Kernel Methods and Deep Learning: ", item));
        Assert.Contains("Physics and Deep Learning: https://physics-ai.com/", Items(page, "LinkRemoved"));
        Assert.Equal(topologyUrls, Items(page, "LinkRemoved").Count(i => i.StartsWith("Topology and Deep Learning: ", StringComparison.Ordinal)));
        Assert.Equal(topologyUrls + 1, Items(page, "LinkRemoved").Count);
        Assert.Equal(
            ["Information Theory and Deep Learning", "Physics and Deep Learning"],
            Items(page, "LinkRelabelled").Select(i => i.Split(':')[0]).Order());
        Assert.Equal(["Random Matrix Theory and Deep Learning: https://zhenyu-liao.github.io/img/rmt-spectrum.png"], Items(page, "ImageAdded"));
        Assert.Single(Items(page, "QuoteEdited"), i => i.StartsWith("Information Theory and Deep Learning: In short, neural networks", StringComparison.Ordinal));
        Assert.Single(Items(page, "QuoteRemoved"), i => i.StartsWith("Topology and Deep Learning: ", StringComparison.Ordinal));
        Assert.Empty(page.QuerySelectorAll("[data-kind=LinkMoved], [data-kind=QuoteAdded], [data-kind=ImageRemoved], [data-kind=IntroEdited]"));
        Assert.Equal($"topics +1 −1, 1 renamed; links +2 −{topologyUrls + 1}, 2 changed", page.QuerySelector("#diff-summary")?.TextContent);
        Assert.Null(page.QuerySelector("input[name=confirm]"));
        Assert.Equal(before, factory.Snapshot());
    }

    [Fact]
    public async Task PreviewShowsTheParsersWarnings()
    {
        await using var factory = new AdminFactory();
        var browser = await factory.SignedInBrowserAsync();
        var markdown = "# Notes\n\n## Empty\n\n## Links\n\n- [bad](javascript:alert(1))\n- https://ok.example/\n"u8.ToArray();

        var preview = await (await PreviewUploadAsync(browser, "notes.md", markdown)).ReadPageAsync();

        var warnings = preview.QuerySelectorAll(".warnings li").Select(li => li.TextContent).ToList();
        Assert.Contains(warnings, w => w.Contains("javascript:alert(1)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("\"Empty\"", StringComparison.Ordinal));
        Assert.NotNull(preview.QuerySelector("form#apply"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task ApplyImportsThePreviewedFileAndShowsTheRecordedRun(DatabaseProvider provider)
    {
        await using var factory = AdminFactory.On(provider);
        var browser = await factory.SignedInBrowserAsync();
        var preview = await (await PreviewUploadAsync(browser, Seeds.Name, Seeds.Changed)).ReadPageAsync();

        var token = preview.Form("form#apply").QuerySelector("input[name=token]")!.GetAttribute("value")!;
        var kept = $"""SELECT COUNT(*) FROM "PendingImports" WHERE "Token" = '{token}'""";
        Assert.Equal(1, factory.Scalar(kept));

        var applied = await browser.SubmitAsync(preview.Form("form#apply"), "/admin/import");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(0, factory.Scalar(kept));
        var run = await browser.GetPageAsync(applied.Headers.Location!.OriginalString);
        Assert.NotNull(run.QuerySelector("#applied"));
        Assert.Equal(["Optimal Transport and Deep Learning: renamed from \"Deep learning and Optimal Transport\""], Items(run, "TopicRenamed"));
        Assert.Equal(1, factory.Scalar("""SELECT COUNT(*) FROM "Topics" WHERE "Slug" = 'kernel-methods-and-deep-learning'"""));
        Assert.Equal(0, factory.Scalar("""SELECT COUNT(*) FROM "Topics" WHERE "Slug" = 'topology-and-deep-learning'"""));
        Assert.Equal("admin", factory.Text("""SELECT "User" FROM "ImportRuns" ORDER BY "Id" DESC LIMIT 1"""));

        // The renamed topic's old slug redirects to its new one; the removed topic's answers 410.
        var visitor = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var renamed = await visitor.GetAsync("/topics/deep-learning-and-optimal-transport", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, renamed.StatusCode);
        Assert.Equal("/topics/optimal-transport-and-deep-learning", renamed.Headers.Location?.OriginalString);
        using var removed = await visitor.GetAsync("/topics/topology-and-deep-learning", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Gone, removed.StatusCode);
    }

    [Theory]
    [OnEachDatabase]
    public async Task ApplyAfterAnotherImportShowsTheNewDiffInsteadOfApplyingTheOldOne(DatabaseProvider provider)
    {
        await using var factory = AdminFactory.On(provider);
        var browser = await factory.SignedInBrowserAsync();
        var stale = await (await PreviewUploadAsync(browser, Seeds.Name, Seeds.Changed)).ReadPageAsync();
        var other = await (await PreviewUploadAsync(browser, "other.md", "# Other\n\n- https://other.example/\n"u8.ToArray())).ReadPageAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(other.Form("form#apply"), "/admin/import")).StatusCode);
        var version = factory.Scalar("""SELECT "Version" FROM "CatalogState" """);

        var response = await browser.SubmitAsync(stale.Form("form#apply"), "/admin/import");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains("the catalog changed since the preview", page.QuerySelector("#import-error")?.TextContent);
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("form#apply input[name=version]")?.GetAttribute("value"));
        Assert.Equal(version, factory.Scalar("""SELECT "Version" FROM "CatalogState" """));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(page.Form("form#apply"), "/admin/import")).StatusCode);
    }

    [Theory]
    [OnEachDatabase]
    public async Task RemovingMostLinksNeedsTheConfirmBox(DatabaseProvider provider)
    {
        await using var factory = AdminFactory.On(provider);
        var browser = await factory.SignedInBrowserAsync();
        var small = "# Science of Deep Learning\n\n- https://stats385.github.io/\n"u8.ToArray();
        var preview = await (await PreviewUploadAsync(browser, Seeds.Name, small)).ReadPageAsync();
        Assert.Contains("Applying this removes", preview.QuerySelector("form#apply .warning")?.TextContent);
        var version = factory.Scalar("""SELECT "Version" FROM "CatalogState" """);

        var unconfirmed = await browser.SubmitAsync(preview.Form("form#apply"), "/admin/import");

        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm", (await unconfirmed.ReadPageAsync()).QuerySelector("#import-error")?.TextContent);
        Assert.Equal(version, factory.Scalar("""SELECT "Version" FROM "CatalogState" """));

        var confirmed = await browser.SubmitAsync(preview.Form("form#apply"), "/admin/import", new() { ["confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(1, factory.Scalar("""SELECT COUNT(*) FROM "Links" """));
    }

    [Fact]
    public async Task SeedsFolderFileCanBePreviewed()
    {
        await using var factory = new AdminFactory();
        var browser = await factory.SignedInBrowserAsync();
        var import = await browser.GetPageAsync("/admin/import");
        Assert.Equal([Seeds.Name], import.QuerySelectorAll("#seed option").Select(o => o.TextContent));

        var preview = await browser.SubmitAsync(import.Form("form#seed-form"), "/admin/import");

        var page = await preview.ReadPageAsync();
        Assert.NotNull(page.QuerySelector("#unchanged"));
        Assert.Equal("topics +0 −0, 0 renamed; links +0 −0, 0 changed", page.QuerySelector("#diff-summary")?.TextContent);
    }

    [Fact]
    public async Task ASeedOutsideTheSeedsFolderIsRefused()
    {
        await using var factory = new AdminFactory();
        var browser = await factory.SignedInBrowserAsync();
        var import = await browser.GetPageAsync("/admin/import");

        var response = await browser.SubmitAsync(import.Form("form#seed-form"), "/admin/import", new() { ["seed"] = "../../appsettings.json" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Null((await response.ReadPageAsync()).QuerySelector("form#apply"));
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty.md", [], "empty.md: the file is empty." },
        { "blank.md", "\n  \r\n\t\n"u8.ToArray(), "blank.md: the file is empty." },
        { "binary.md", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256))], "binary.md: the file looks binary" },
        { "latin1.md", [.. "# Caf"u8, 0xE9, .. "\n\n- https://a.example/\n"u8], "latin1.md: not valid UTF-8 at byte 5 (line 1, column 6)." },
        { "prose.md", "Just some words.\n\nNo headings, no links.\n"u8.ToArray(), "prose.md: the file has no headings and no links" },
        { "Science-Of-Deep-Learning.md", Encoding.UTF8.GetBytes("# Case\n\n- https://case.example/\n"), "collides with the existing source science-of-deep-learning.md" },
        { "notes.txt", "# Notes\n"u8.ToArray(), "notes.txt: only markdown files (.md) can be imported." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadFileGetsASpecificMessageAndTheCatalogStaysByteForByteTheSame(string name, byte[] content, string message)
    {
        await using var factory = new AdminFactory();
        var browser = await factory.SignedInBrowserAsync();
        var before = CatalogFile.Hash(factory.DatabasePath);

        var response = await PreviewUploadAsync(browser, name, content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains(message, page.QuerySelector("#import-error")?.TextContent);
        Assert.Null(page.QuerySelector("form#apply"));
        Assert.Equal(0, factory.Scalar("""SELECT COUNT(*) FROM "PendingImports" """));
        Assert.Equal(before, CatalogFile.Hash(factory.DatabasePath));
    }

    [Fact]
    public async Task UploadOverTheLimitIsRefusedByTheServerBeforeItIsRead()
    {
        await using var factory = new AdminFactory { With = { ["Catalog:MaxUploadBytes"] = "1000" } };
        var browser = await factory.SignedInBrowserAsync();
        var before = CatalogFile.Hash(factory.DatabasePath);

        var response = await PreviewUploadAsync(browser, "big.md", [.. Enumerable.Repeat(Seeds.Changed, 5).SelectMany(b => b)]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal("File too large (limit 1 KB): the upload is larger than the limit of 1,000 bytes (Catalog:MaxUploadBytes). Nothing was imported.", page.QuerySelector("#status-message")?.TextContent);
        Assert.Equal(before, CatalogFile.Hash(factory.DatabasePath));
    }

    [Fact]
    public async Task UploadJustOverTheLimitIsRefusedByThePageWithItsSize()
    {
        await using var factory = new AdminFactory { With = { ["Catalog:MaxUploadBytes"] = "1000" } };
        var browser = await factory.SignedInBrowserAsync();
        var before = CatalogFile.Hash(factory.DatabasePath);

        var response = await PreviewUploadAsync(browser, "big.md", Seeds.Changed[..1001]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("big.md: 1,001 bytes is over the upload limit of 1,000 bytes (Catalog:MaxUploadBytes). Nothing was imported.",
            (await response.ReadPageAsync()).QuerySelector("#import-error")?.TextContent);
        Assert.Equal(before, CatalogFile.Hash(factory.DatabasePath));
    }

    [Fact]
    public async Task ApplyOfAnUnknownPreviewSaysItIsGone()
    {
        await using var factory = new AdminFactory();
        var browser = await factory.SignedInBrowserAsync();
        var preview = await (await PreviewUploadAsync(browser, Seeds.Name, Seeds.Changed)).ReadPageAsync();

        var response = await browser.SubmitAsync(preview.Form("form#apply"), "/admin/import", new() { ["token"] = "../../catalog.db" });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("no longer kept", (await response.ReadPageAsync()).QuerySelector("#import-error")?.TextContent);
    }

    internal static async Task<HttpResponseMessage> PreviewUploadAsync(HttpClient browser, string name, byte[] content)
    {
        var import = await browser.GetPageAsync("/admin/import");
        return await browser.SubmitAsync(import.Form("form#upload-form"), "/admin/import", file: (name, content));
    }

    internal static List<string> Items(IDocument page, string kind) =>
        page.QuerySelectorAll($"[data-kind={kind}] li").Select(li => Regex.Replace(li.TextContent, @"\s+", " ").Trim()).ToList();
}
