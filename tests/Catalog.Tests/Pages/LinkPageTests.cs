using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Pages;

public sealed class LinkPageTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private const string Dali = "http://dalimeeting.org/dali2018/workshopTheoryDL.html";
    private const string Stats385 = "https://stats385.github.io/";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task LinkPageShowsItsUrlHostKindAndArchivedCopies()
    {
        var page = await _client.GetDocumentAsync($"/links/{await IdOfAsync(Dali)}");

        Assert.Equal("DALI 2018 - Data, Learning and Inference", page.QuerySelector("h1")?.TextContent);
        var url = page.QuerySelector("main .url-line a.url")!;
        Assert.Equal(Dali, url.GetAttribute("href"));
        Assert.Equal(Dali, url.TextContent);
        var facts = page.QuerySelectorAll("dl.facts > div").ToDictionary(d => d.QuerySelector("dt")!.TextContent, d => d.QuerySelector("dd")!);
        Assert.Equal("/hosts/dalimeeting.org", facts["Host"].QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("/kinds/event", facts["Kind"].QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("https://web.archive.org/web/*/" + Dali, facts["Archived copies"].QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task LinkPageListsEveryMentionWithItsTopicAndLabel()
    {
        var page = await _client.GetDocumentAsync($"/links/{await IdOfAsync(Dali)}");

        var mentions = page.QuerySelectorAll("ul.mentions > li")
            .Select(li => (Topic: li.QuerySelector("a.topic")!.TextContent, Label: li.QuerySelector(".label")?.TextContent))
            .ToList();
        Assert.Equal(
            [
                ("Science of Deep Learning", "DALI 2018 - Data, Learning and Inference"),
                ("Science of Deep Learning", "DALI 2018, Data Learning and Inference"),
                ("Mathematics of Deep Learning", "DALI 2018 - Data, Learning and Inference"),
            ],
            mentions);
    }

    [Fact]
    public async Task AQuoteSourceIsShownAsQuotedAndTitledByItsListLabel()
    {
        var page = await _client.GetDocumentAsync($"/links/{await IdOfAsync(Stats385)}");

        Assert.Equal("Analyses of Deep Learning (STATS 385) 2019", page.QuerySelector("h1")?.TextContent);
        var quoted = Assert.Single(page.QuerySelectorAll("ul.mentions > li"), li => li.QuerySelector(".quoted") is not null);
        Assert.StartsWith("Deep learning is a transformative technology", quoted.QuerySelector("q")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkPageShowsRelatedLinksFromTheSameHostAndTheSameTopics()
    {
        var id = await IdOfAsync("https://arxiv.org/pdf/1811.03962.pdf");
        var page = await _client.GetDocumentAsync($"/links/{id}");

        var sameHost = page.QuerySelectorAll("#host-heading + ul a.label").Select(a => a.GetAttribute("href")!).ToList();
        Assert.InRange(sameHost.Count, 1, 10);
        Assert.All(sameHost, href => Assert.StartsWith("https://arxiv.org/", href, StringComparison.Ordinal));
        var alongside = page.QuerySelectorAll("#topics-heading + ul a.label").Select(a => a.GetAttribute("href")!).ToList();
        Assert.InRange(alongside.Count, 1, 10);
        Assert.Contains("https://link.springer.com/book/10.1007/978-3-030-28954-6", alongside);
        Assert.DoesNotContain(alongside, href => href.StartsWith("https://arxiv.org/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownLinkIsAnHtml404()
    {
        var page = await _client.GetDocumentAsync("/links/987654", HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
    }

    private async Task<int> IdOfAsync(string url)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        return await db.Links.Where(l => l.Url == url).Select(l => l.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
