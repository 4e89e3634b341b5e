using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Pages;

/// <summary>The repository's seed imported through the app's own import service and browsed over HTTP, on each database.</summary>
public sealed class BrowsingOnEachDatabaseTests
{
    [Theory]
    [OnEachDatabase]
    public async Task TheTopicsApiListsTheImportedSeedInDocumentOrder(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = EmptyCatalogFactory.On(provider);
        await catalog.ImportAsync(EmptyCatalogFactory.SeedPath);
        var client = catalog.CreateClient();

        var topics = await client.GetFromJsonAsync<JsonElement[]>("/api/topics", ct);
        var topic = await client.GetFromJsonAsync<JsonElement>("/api/topics/physics-and-deep-learning", ct);

        Assert.NotNull(topics);
        Assert.Equal(17, topics.Length);
        Assert.Equal("science-of-deep-learning", topics[0].GetProperty("slug").GetString());
        Assert.Equal("science-of-deep-learning", topics[1].GetProperty("parent").GetString());
        Assert.Equal(291, topics.Sum(t => t.GetProperty("links").GetInt32()));
        Assert.Contains("Jarzynski equality", topic.GetProperty("quotes")[0].GetProperty("text").GetString());
        Assert.StartsWith("https://d2r55xnwy6nx47.cloudfront.net/", topic.GetProperty("images")[0].GetProperty("src").GetString());
    }

    [Theory]
    [OnEachDatabase]
    public async Task TheHomeTopicLinkHostAndKindPagesShowTheImportedSeed(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = EmptyCatalogFactory.On(provider);
        await catalog.ImportAsync(EmptyCatalogFactory.SeedPath);
        var client = catalog.CreateClient();
        int linkId;
        await using (var db = catalog.OpenDatabase())
        {
            linkId = await db.Links.Where(l => l.Url == "https://maziarraissi.github.io/PINNs/").Select(l => l.Id).SingleAsync(ct);
        }

        var home = await client.GetDocumentAsync("/");
        var topic = await client.GetDocumentAsync("/topics/science-of-deep-learning");
        var link = await client.GetDocumentAsync($"/links/{linkId}");
        var host = await client.GetDocumentAsync("/hosts/maziarraissi.github.io");
        var kind = await client.GetDocumentAsync("/kinds/event");

        Assert.Contains("/topics/deep-learning-reading-group", home.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("/topics/deep-learning-reading-group", topic.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        Assert.Equal("https://maziarraissi.github.io/PINNs/", link.QuerySelector("main .url-line a.url")?.GetAttribute("href"));
        Assert.Contains("/topics/physics-and-deep-learning", link.QuerySelectorAll("ul.mentions > li a.topic").Select(a => a.GetAttribute("href")));
        Assert.Contains($"/links/{linkId}", host.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        Assert.Contains("http://dalimeeting.org/dali2018/workshopTheoryDL.html", kind.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
    }
}
