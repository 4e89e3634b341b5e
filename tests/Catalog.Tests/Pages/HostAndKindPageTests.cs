using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Pages;

public sealed class HostAndKindPageTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HostPageListsEveryLinkOnTheHostGroupedByTopic()
    {
        var page = await _client.GetDocumentAsync("/hosts/arxiv.org");

        Assert.Equal("arxiv.org", page.QuerySelector("h1")?.TextContent);
        var groups = page.QuerySelectorAll("main section.group").ToList();
        Assert.Equal("/topics/science-of-deep-learning", groups[0].QuerySelector("h2 a")?.GetAttribute("href"));
        var urls = groups.SelectMany(g => g.QuerySelectorAll("a.label")).Select(a => a.GetAttribute("href")!).ToHashSet();
        Assert.Equal(22, urls.Count);
        Assert.All(urls, url => Assert.StartsWith("https://arxiv.org/", url, StringComparison.Ordinal));
        Assert.Empty(page.QuerySelectorAll("main a.host"));
        Assert.Equal("22 links in " + groups.Count + " topics", page.QuerySelector("main .meta")?.TextContent.Squash());
    }

    [Fact]
    public async Task KindPageListsEveryLinkOfThatKind()
    {
        var page = await _client.GetDocumentAsync("/kinds/paper");

        var urls = page.QuerySelectorAll("main section.group a.label").Select(a => a.GetAttribute("href")!).ToHashSet();
        await using var scope = factory.Services.CreateAsyncScope();
        var papers = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Links
            .Where(l => l.Kind == LinkKinds.Paper).Select(l => l.Url).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(papers.ToHashSet(), urls);
        Assert.Empty(page.QuerySelectorAll("main a.kind"));
    }

    [Fact]
    public async Task HostsIndexListsEveryHostMostLinkedFirst()
    {
        var page = await _client.GetDocumentAsync("/hosts");

        var hosts = page.QuerySelectorAll("main ol.tally > li").ToList();
        Assert.Equal("arxiv.org", hosts[0].QuerySelector("a")?.TextContent);
        var counts = hosts.Select(h => int.Parse(h.QuerySelector(".count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(268, counts.Sum());
        Assert.Equal(counts.OrderDescending(), counts);
    }

    [Fact]
    public async Task KindsIndexListsEveryKind()
    {
        var page = await _client.GetDocumentAsync("/kinds");

        var kinds = page.QuerySelectorAll("main ul.tally a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(LinkKinds.All.Select(k => "/kinds/" + k), kinds);
    }

    [Theory]
    [InlineData("/hosts/no-such-host.example")]
    [InlineData("/kinds/podcast")]
    public async Task UnknownHostOrKindIsAnHtml404(string url)
    {
        var page = await _client.GetDocumentAsync(url, HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
    }
}
