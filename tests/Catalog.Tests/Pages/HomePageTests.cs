using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Pages;

public sealed class HomePageTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HomeShowsTheNestedTopicTreeWithLinkCounts()
    {
        var page = await _client.GetDocumentAsync("/");

        var root = Assert.Single(page.QuerySelectorAll("nav.topic-tree ul.tree > li"));
        Assert.Equal("/topics/science-of-deep-learning", root.QuerySelector("a")?.GetAttribute("href"));
        var children = root.QuerySelector("ul")!.Children.Select(li => li.QuerySelector("a")!.TextContent).ToList();
        Assert.Equal("Deep Learning Reading Group", children[0]);
        Assert.Contains("Physics and Deep Learning", children);
        var unrolling = page.QuerySelectorAll("nav.topic-tree li").Single(li => li.QuerySelector("a")?.TextContent == "Deep Unrolling");
        Assert.Equal("Numerical Analysis for Deep Learning", unrolling.ParentElement?.ParentElement?.QuerySelector("a")?.TextContent);
        Assert.Equal("9 links", unrolling.QuerySelector(".count")?.TextContent.Squash());
        Assert.Equal(17, page.QuerySelectorAll("nav.topic-tree li").Length);
    }

    [Fact]
    public async Task HomeShowsTheCatalogTotals()
    {
        var page = await _client.GetDocumentAsync("/");

        var totals = page.QuerySelectorAll("dl.totals > div").ToDictionary(d => d.QuerySelector("dt")!.TextContent, d => d.QuerySelector("dd")!.TextContent);
        Assert.Equal("17", totals["Topics"]);
        Assert.Equal("268", totals["Links"]);
        Assert.Equal("13", totals["Quotes"]);
        Assert.Equal("3", totals["Images"]);
        await using var scope = factory.Services.CreateAsyncScope();
        var hosts = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Links.Select(l => l.Host).Distinct().CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(hosts.ToString(System.Globalization.CultureInfo.InvariantCulture), totals["Hosts"]);
    }

    [Fact]
    public async Task HomeShowsTheMostLinkedHostsAndTheKinds()
    {
        var page = await _client.GetDocumentAsync("/");

        var hosts = page.QuerySelectorAll("#hosts-heading + ol.tally > li").ToList();
        Assert.Equal(10, hosts.Count);
        Assert.Equal("/hosts/arxiv.org", hosts[0].QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("22", hosts[0].QuerySelector(".count")?.TextContent);
        var kinds = page.QuerySelectorAll("#kinds-heading + ul.tally a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/kinds/paper", kinds);
        Assert.Contains("/kinds/code", kinds);
    }

    [Fact]
    public async Task HomeShowsNoChangesAfterOnlyTheFirstImport()
    {
        var page = await _client.GetDocumentAsync("/");

        Assert.Null(page.QuerySelector("section.changes"));
    }
}
