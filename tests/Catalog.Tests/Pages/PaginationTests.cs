using System.Globalization;
using System.Net;
using System.Text;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Pages.Shared;

namespace Catalog.Tests.Pages;

/// <summary>
/// Topic, host and kind pages show <see cref="Paging.Size"/> links a page (<c>?page=N</c>, rel=prev/next in the head and
/// a visible pager), so a flat list of 40,000 links is 200 pages of a few hundred KB, not one page that fails.
/// </summary>
public sealed class PaginationTests(PaginationTests.Factory factory) : IClassFixture<PaginationTests.Factory>
{
    public const int LinkCount = 40_000;

    public const string Topic = "/topics/one-flat-list";

    /// <summary>One topic with 40,000 links on one host: past SQLite's limit on variables if each id were one.</summary>
    public sealed class Factory : CatalogFactory
    {
        public Factory()
        {
            Directory.CreateDirectory(SeedsPath);
            var seed = new StringBuilder("# One flat list\n\nNo headings below this one.\n\n");
            for (var i = 1; i <= LinkCount; i++)
            {
                seed.Append(CultureInfo.InvariantCulture, $"- [Paper {i}](https://papers.example/p/{i})\n");
            }

            File.WriteAllText(Path.Combine(SeedsPath, "flat.md"), seed.ToString());
        }

        public override string SeedsPath => Path.Combine(Folder, "seeds");
    }

    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData(Topic, "ol.links > li")]
    [InlineData("/hosts/papers.example", "ul.links > li")]
    [InlineData("/kinds/other", "ul.links > li")]
    public async Task TheFirstPageShowsTwoHundredLinksAndPointsToTheNext(string path, string rows)
    {
        var page = await _client.GetDocumentAsync(path);

        Assert.Equal(Paging.Size, page.QuerySelectorAll(rows).Length);
        Assert.Equal(path + "?page=2", page.QuerySelector("head link[rel=next]")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("head link[rel=prev]"));
        Assert.Equal(path + "?page=2", page.QuerySelector("nav.list-pager a[rel=next]")?.GetAttribute("href"));
        Assert.Contains("Page 1 of 200", page.QuerySelector("nav.list-pager")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("40,000 links", page.QuerySelector(".page-head .meta")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastPageShowsTheLastLinksAndPointsBack()
    {
        var page = await _client.GetDocumentAsync(Topic + "?page=200");

        var links = page.QuerySelectorAll("ol.links > li");
        Assert.Equal(Paging.Size, links.Length);
        Assert.Equal("39801", page.QuerySelector("ol.links")?.GetAttribute("start"));
        Assert.Contains("Paper 40000", links[^1].TextContent, StringComparison.Ordinal);
        Assert.Equal(Topic + "?page=199", page.QuerySelector("head link[rel=prev]")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("head link[rel=next]"));
        Assert.Null(page.QuerySelector("nav.list-pager a[rel=next]"));
    }

    [Theory]
    [InlineData("?page=201")]
    [InlineData("?page=0")]
    [InlineData("?page=-1")]
    [InlineData("?page=02")]
    [InlineData("?page=two")]
    [InlineData("?page=99999999999")]
    public async Task APageThatIsNotThereIsNotFound(string query)
    {
        using var response = await _client.GetAsync(Topic + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // The page reads ?page= and nothing else: other parameters and later repeats share the page's one cache entry.
    [Fact]
    public async Task ParametersThePageDoesNotReadDoNotSplitTheCache()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await _client.GetAsync(Topic + "?page=3", ct);
        using var tracked = await _client.GetAsync(Topic + "?utm_source=x&page=3&page=7", ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.SqlCommands() > 0);
        Assert.Equal(0, tracked.SqlCommands());
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await tracked.Content.ReadAsStringAsync(ct));
    }
}
