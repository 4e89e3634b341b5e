using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Catalog.Web.Export;

namespace Catalog.Tests.Export;

/// <summary>The exports over HTTP: types, file names, caching by catalog version, and the links the pages give them.</summary>
public sealed class ExportHttpTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/export/catalog.json", "application/json", "attachment", "catalog.json")]
    [InlineData("/export/links.csv", "text/csv", "attachment", "links.csv")]
    [InlineData("/export/bookmarks.html", "text/html", "attachment", "bookmarks.html")]
    [InlineData("/export/science-of-deep-learning.md", "text/markdown", "attachment", "science-of-deep-learning.md")]
    [InlineData("/feeds/catalog.atom", "application/atom+xml", "inline", "catalog.atom")]
    [InlineData("/feeds/topics/physics-and-deep-learning.atom", "application/atom+xml", "inline", "physics-and-deep-learning.atom")]
    [InlineData("/links/1/cite.bib", "application/x-bibtex", "attachment", "link-1.bib")]
    [InlineData("/links/1/cite.ris", "application/x-research-info-systems", "attachment", "link-1.ris")]
    [InlineData("/links/1/cite.json", "application/vnd.citationstyles.csl+json", "attachment", "link-1.json")]
    [InlineData("/topics/physics-and-deep-learning/cite.bib", "application/x-bibtex", "attachment", "physics-and-deep-learning.bib")]
    [InlineData("/search/cite.ris?q=generalization", "application/x-research-info-systems", "attachment", "search.ris")]
    public async Task EachOutputHasItsTypeAndFileNameAndTheCatalogVersionsValidators(string url, string mediaType, string disposition, string fileName)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await _client.GetAsync(url, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(disposition, response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync(ct));
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _client.SendAsync(again, ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task TheSecondRequestIsAnsweredFromTheCacheWithoutAQuery()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await _client.GetAsync("/export/links.csv?cache-test", ct);
        using var second = await _client.GetAsync("/export/links.csv?cache-test", ct);

        Assert.True(first.SqlCommands() > 0);
        Assert.Equal(0, second.SqlCommands());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(ct), await second.Content.ReadAsByteArrayAsync(ct));
    }

    [Fact]
    public async Task TheCatalogJsonHasItsVersionAndEveryLink()
    {
        var ct = TestContext.Current.CancellationToken;
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/export/catalog.json", ct));
        var root = json.RootElement;

        Assert.Equal(CatalogJson.Version, root.GetProperty("version").GetInt32());
        var root0 = Assert.Single(root.GetProperty("sources")[0].GetProperty("topics").EnumerateArray());
        Assert.Equal("science-of-deep-learning", root0.GetProperty("slug").GetString());
        Assert.Contains("physics-and-deep-learning", root0.GetProperty("children").EnumerateArray().Select(t => t.GetProperty("slug").GetString()));
        var links = root.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(links.Count, links.Select(l => l.GetProperty("url").GetString()).Distinct().Count());
        Assert.All(links, l => Assert.NotEqual(0, l.GetProperty("mentions").GetArrayLength()));
    }

    [Fact]
    public async Task EveryPageNamesTheCatalogFeedAndTopicPagesTheirOwn()
    {
        var home = await _client.GetDocumentAsync("/");
        var topic = await _client.GetDocumentAsync("/topics/physics-and-deep-learning");

        Assert.Equal("/feeds/catalog.atom", home.QuerySelector("head link[rel=alternate][type='application/atom+xml']")?.GetAttribute("href"));
        Assert.NotNull(home.QuerySelector("main a[href='/feeds/catalog.atom']"));
        Assert.Equal(["/feeds/catalog.atom", "/feeds/topics/physics-and-deep-learning.atom"],
            topic.QuerySelectorAll("head link[rel=alternate][type='application/atom+xml']").Select(l => l.GetAttribute("href")));
        Assert.NotNull(topic.QuerySelector("main a[href='/feeds/topics/physics-and-deep-learning.atom']"));
    }

    [Theory]
    [InlineData("/topics/physics-and-deep-learning")]
    [InlineData("/links/1")]
    public async Task TheCiteMenuIsPlainLinksThatAnswer(string page)
    {
        var document = await _client.GetDocumentAsync(page);

        var links = document.QuerySelectorAll("nav.cite a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["bib", "ris", "json"], links.Select(l => l[(l.LastIndexOf('.') + 1)..]));
        foreach (var link in links)
        {
            using var response = await _client.GetAsync(link, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task ASearchPagesCiteLinksCiteExactlyItsResults()
    {
        var page = await _client.GetDocumentAsync("/search?q=deep&page=2");
        var shown = page.QuerySelectorAll("li.search-result h3 a").Select(a => a.GetAttribute("href")).ToList();

        var bib = page.QuerySelectorAll("nav.cite a").Single(a => a.TextContent == "BibTeX").GetAttribute("href")!;
        Assert.StartsWith("/search/cite.bib?q=deep", bib, StringComparison.Ordinal);
        var entries = BibTexParser.Parse(await _client.GetStringAsync(bib, TestContext.Current.CancellationToken));
        Assert.Equal(20, shown.Count);
        Assert.Equal(shown, entries.Select(e => e["url"]));
    }

    [Theory]
    [InlineData("/links/999999/cite.bib")]
    [InlineData("/links/1/cite.doc")]
    [InlineData("/topics/no-such-topic/cite.bib")]
    [InlineData("/feeds/topics/no-such-topic.atom")]
    [InlineData("/export/no-such-source.md")]
    public async Task WhatDoesNotExistIsNotFound(string url)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheExportCommandWritesTheSeedBackForAnEmptyDiff()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = Path.Combine(factory.Folder, "exported.md");
        _ = factory.Server;

        var exitCode = await ExportCommand.RunAsync(factory.Services, new ExportOptions(target, Source: "science-of-deep-learning.md", Resolved: true), TextWriter.Null, ct);

        Assert.Equal(0, exitCode);
        var report = await SeedEdits.ImportDryRunAsync(factory, await File.ReadAllTextAsync(target, ct));
        Assert.True(report.Diff.IsEmpty);
    }

    [Theory]
    [InlineData("json", "{")]
    [InlineData("csv", "\uFEFFurl,label")]
    [InlineData("bookmarks", "<!DOCTYPE NETSCAPE-Bookmark-file-1>")]
    [InlineData("bibtex", "@misc{")]
    [InlineData("atom", "<?xml")]
    public async Task TheExportCommandWritesEachFormat(string format, string start)
    {
        var ct = TestContext.Current.CancellationToken;
        var target = Path.Combine(factory.Folder, "export." + format);
        _ = factory.Server;

        var exitCode = await ExportCommand.RunAsync(factory.Services, new ExportOptions(target, Enum.Parse<ExportFormat>(format, ignoreCase: true)), TextWriter.Null, ct);

        Assert.Equal(0, exitCode);
        Assert.StartsWith(start, new System.Text.UTF8Encoding(false).GetString(await File.ReadAllBytesAsync(target, ct)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "pdf", "out.pdf")]
    [InlineData("--format", "json")]
    [InlineData("only-one-argument")]
    [InlineData("--format", "json", "out.json", "--resolved")]
    [InlineData("source.md", "out.md", "--bogus")]
    public void TheExportCommandRefusesMalformedArguments(params string[] args)
    {
        var parsed = ExportCommand.Create(new Catalog.Web.Cli.CliContext()).Parse(args);

        Assert.True(parsed.Errors.Count > 0
            || ExportCommand.OptionsFrom(parsed.GetValue<ExportFormat?>("--format"), parsed.GetValue<string[]>("[source] file") ?? [], parsed.GetValue<bool>("--resolved")) is null);
    }
}

/// <summary>Topics renamed and removed by a re-import: their feeds and citations follow the topic's 301 and 410.</summary>
public sealed class ExportAfterReimportTests(ReimportedCatalogFactory factory) : IClassFixture<ReimportedCatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/feeds/topics/physics-and-deep-learning.atom", "/feeds/topics/physics-of-deep-learning.atom")]
    [InlineData("/topics/physics-and-deep-learning/cite.bib", "/topics/physics-of-deep-learning/cite.bib")]
    public async Task ARenamedTopicsOldUrlRedirectsPermanently(string url, string location)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/feeds/topics/topology-and-deep-learning.atom")]
    [InlineData("/topics/topology-and-deep-learning/cite.ris")]
    public async Task ARemovedTopicsOldUrlIsGone(string url)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }
}
