using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Catalog.Tests.Admin;
using Catalog.Tests.Pages;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Security;

/// <summary>The hostile seeds go in with warnings and come out inert on every page and API that shows them.</summary>
public sealed class HostileSeedTests(HostileCatalogFactory factory) : IClassFixture<HostileCatalogFactory>
{
    /// <summary>Words and fragments of the hostile seeds, searched for as a reader would type them.</summary>
    public static readonly string[] Searches =
    [
        "script", "alert", "onerror", "javascript", "vbscript", "iframe", "expression", "svg onload", "level",
        "\"long heading\"", "duplicate", "quote", "table", "deep", "nul", "example.org", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "javascript:alert('href')", "🔥", "host:example.org", "\"><script>alert(1)</script>",
    ];

    // Paths that are not pages: the 404 page shows what was asked for, and must encode it.
    private static readonly string[] s_missingPages =
    [
        "/topics/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "/hosts/%22%3E%3Csvg%20onload%3Dalert(1)%3E",
        "/links/999999", "/kinds/%3Ciframe%3E",
    ];

    [Fact]
    public void BothHostileSeedsImportWithWarningsForEveryUnsafeUrl()
    {
        var markup = factory.Reports["hostile-markup.md"];
        var sizes = factory.Reports["hostile-sizes.md"];

        Assert.True(markup.Topics >= 10 && markup.Links >= 10, $"{markup.Topics} topics, {markup.Links} links");
        Assert.True(sizes.Links >= 300, $"{sizes.Links} links");
        foreach (var scheme in new[] { "javascript:", "JAVASCRIPT:", "JaVaScRiPt:", "vbscript:", "VBSCRIPT:", "data:text/html", "file:", "FILE:" })
        {
            Assert.Contains(markup.Warnings, w => w.StartsWith("Unsafe URL kept as text", StringComparison.Ordinal) && w.Contains(scheme, StringComparison.Ordinal));
        }

        Assert.Contains(markup.Warnings, w => w.StartsWith("Unsafe image source", StringComparison.Ordinal) && w.Contains("javascript:", StringComparison.Ordinal));
        Assert.Contains("The file contains NUL characters; they were replaced with U+FFFD.", sizes.Warnings);
    }

    [Fact]
    public async Task TheCatalogStoresNoUrlWithAScriptScheme()
    {
        await using var db = factory.OpenDatabase();
        var ct = TestContext.Current.CancellationToken;

        var urls = await db.Links.Select(l => l.Url).Concat(db.Quotes.Select(q => q.Url)).Concat(db.Images.Select(i => i.Src)).ToListAsync(ct);

        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.Contains(InertMarkup.SchemeOf(url), new string?[] { "http", "https", "mailto", null }));
        Assert.Contains("https://example.org/long-label", urls);
    }

    [Fact]
    public async Task EveryPageReachableFromHomeOrSearchShowsTheHostileSeedsInert()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var start = new[] { "/" }.Concat(Searches.Select(Hrefs)).Concat(s_missingPages);

        var crawl = await CrawlAsync(client, start, href => !href.StartsWith("/admin", StringComparison.Ordinal));
        TestContext.Current.SendDiagnosticMessage($"hostile crawl: {crawl.Pages} HTML pages checked, {crawl.Visited.Count} URLs");

        Assert.Empty(crawl.Broken);
        Assert.Empty(crawl.Problems);
        Assert.True(crawl.Pages > 300, $"only {crawl.Pages} pages were checked");
        Assert.Contains(crawl.Visited, p => p.StartsWith("/topics/", StringComparison.Ordinal));
        Assert.Contains(crawl.Visited, p => p.StartsWith("/links/", StringComparison.Ordinal));
        Assert.Contains(crawl.Visited, p => p.StartsWith("/search?", StringComparison.Ordinal) && p.Contains("page=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MarkupInProseIsDroppedButMarkupInTextIsShownAsText()
    {
        var client = factory.CreateClient();
        var hostile = await client.GetDocumentAsync(await TopicHrefAsync(client, "Hostile"));
        var quoting = await client.GetDocumentAsync(await TopicHrefAsync(client, "\"Quotes\""));

        // Raw HTML in prose is markup: the sanitizer drops the script and keeps the words around it.
        Assert.StartsWith("Intro with a script:", hostile.QuerySelector(".intro")?.TextContent.Squash(), StringComparison.Ordinal);
        Assert.DoesNotContain("alert('intro')", hostile.QuerySelector(".intro")!.TextContent, StringComparison.Ordinal);

        // Labels and quotes are text: what looks like markup in them is shown, encoded.
        Assert.Contains(quoting.QuerySelectorAll(".label"), label => label.TextContent == "Label with <script>alert('encoded')</script>");
        Assert.Contains("<img src=x onerror=alert('quote-code')>", quoting.QuerySelector("figure.quote blockquote")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(InertMarkup.Problems(hostile));
        Assert.Empty(InertMarkup.Problems(quoting));
    }

    [Fact]
    public async Task JsonApisEscapeEveryAngleBracket()
    {
        var client = factory.CreateClient();
        var topics = await ReadJsonAsync(client, "/api/topics");
        var urls = topics.EnumerateArray().Select(t => "/api/topics/" + Uri.EscapeDataString(t.GetProperty("slug").GetString()!))
            .Concat(Searches.Select(q => "/api/search?q=" + Uri.EscapeDataString(q)))
            .Concat(Searches.Select(q => "/api/search/suggest?q=" + Uri.EscapeDataString(q)))
            .Prepend("/api/topics")
            .ToList();
        var escapedScript = 0;

        foreach (var url in urls)
        {
            var body = await ReadJsonBodyAsync(client, url);
            Assert.False(body.Contains('<', StringComparison.Ordinal), $"{url} has a raw '<'");
            escapedScript += body.Contains("\\u003Cscript", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        Assert.True(escapedScript > 0, "no answer carried the seeds' <script> text (escaped): the check proves nothing");
    }

    [Fact]
    public async Task AdminHistoryAndPreviewShowTheHostileSeedsInert()
    {
        var browser = await factory.SignedInBrowserAsync();
        var crawl = await CrawlAsync(browser, ["/admin"], href => href.StartsWith("/admin", StringComparison.Ordinal) && href != "/admin/sign-out");
        var upload = await browser.GetPageAsync("/admin/import");

        var preview = await browser.SubmitAsync(upload.Form("#upload-form"), "/admin/import", file: ("hostile-copy.md", File.ReadAllBytes(HostileCatalogFactory.MarkupSeed)));

        Assert.Empty(crawl.Broken);
        Assert.Empty(crawl.Problems);
        Assert.Contains(crawl.Visited, p => p.StartsWith("/admin/history/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.ReadPageAsync();
        Assert.NotEmpty(page.QuerySelectorAll(".warnings li"));
        Assert.Empty(InertMarkup.Problems(page));
    }

    private static async Task<string> TopicHrefAsync(HttpClient client, string titleStart)
    {
        var topics = await ReadJsonAsync(client, "/api/topics");
        var topic = topics.EnumerateArray().First(t => t.GetProperty("title").GetString()!.StartsWith(titleStart, StringComparison.Ordinal));
        return "/topics/" + Uri.EscapeDataString(topic.GetProperty("slug").GetString()!);
    }

    private static string Hrefs(string query) => "/search?q=" + Uri.EscapeDataString(query);

    private sealed record Crawl(int Pages, List<string> Visited, List<string> Broken, List<string> Problems);

    // Follows every site-relative link the filter lets through, checking each HTML page as it goes.
    private static async Task<Crawl> CrawlAsync(HttpClient client, IEnumerable<string> start, Func<string, bool> follow)
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new HashSet<string>(start, StringComparer.Ordinal);
        var queue = new Queue<string>(seen);
        var (broken, problems, pages) = (new List<string>(), new List<string>(), 0);
        while (queue.TryDequeue(out var path) && seen.Count < 5_000)
        {
            using var response = await client.GetAsync(path, ct);
            if (!response.IsSuccessStatusCode && !IsExpectedError(path, response.StatusCode))
            {
                broken.Add($"{path}: {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            pages++;
            var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync(ct));
            problems.AddRange(InertMarkup.Problems(page).Select(p => $"{path}: {p}"));
            foreach (var href in Internal(page).Where(follow).Where(seen.Add))
            {
                queue.Enqueue(href);
            }
        }

        Assert.True(seen.Count < 5_000, "the crawl did not end: a page links to ever new URLs");
        return new Crawl(pages, [.. seen], broken, problems);
    }

    private static bool IsExpectedError(string path, HttpStatusCode status) =>
        status == HttpStatusCode.NotFound && s_missingPages.Contains(path);

    private static IEnumerable<string> Internal(IDocument page) =>
        page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!.Split('#')[0])
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal));

    private static async Task<JsonElement> ReadJsonAsync(HttpClient client, string url) =>
        JsonDocument.Parse(await ReadJsonBodyAsync(client, url)).RootElement;

    private static async Task<string> ReadJsonBodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var _ = JsonDocument.Parse(body);
        return body;
    }
}
