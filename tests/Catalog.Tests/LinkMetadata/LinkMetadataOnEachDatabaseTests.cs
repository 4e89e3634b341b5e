using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Catalog.Web.Data;
using Catalog.Web.Links.Metadata;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkMetadata;

/// <summary>A metadata run on each database: its rows, the kinds it improves, the catalog version it moves on, and search.</summary>
public sealed class LinkMetadataOnEachDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [OnEachDatabase]
    public async Task AMetadataRunSavesWhatEachSourceSaidImprovesKindsAndMovesTheCatalogVersionOn(DatabaseProvider provider)
    {
        await using var web = await MetadataWeb.StartAsync();
        LinkMetadataRunTests.ServePages(web);
        await using var catalog = new MetadataCatalog(web, provider: provider);
        await catalog.ImportMarkdownAsync(LinkMetadataRunTests.Seed);

        await catalog.RunMetaAsync();

        await using var db = catalog.OpenDatabase();
        var rows = await db.LinkMetadata.AsNoTracking().ToDictionaryAsync(r => r.Url, Ct);
        var ntk = rows["https://arxiv.org/abs/1806.07572"];
        Assert.Equal(["Arthur Jacot", "Franck Gabriel", "Clément Hongler"], MetadataRecord.Authors(ntk.Authors));
        Assert.NotNull(ntk.FetchedAt);
        Assert.Equal("arXiv:1806.07572", rows["https://arxiv.org/pdf/1806.07572v2"].CanonicalId);
        Assert.Equal("Proceedings of the National Academy of Sciences", rows["https://doi.org/10.1073/pnas.1903070116"].Venue);
        Assert.Equal("course", await db.Links.Where(l => l.Url == "https://math.example.edu/dl-theory").Select(l => l.Kind).SingleAsync(Ct));
        Assert.True(await db.CatalogState.Select(s => s.Version).SingleAsync(Ct) > 1, "the run moved the version on from the import's");
    }

    // The metadata's text reaches the search index on both databases: fetched authors are found, and the fetched years
    // are a facet and a filter (the year's SQL joins LinkMetadata on each provider).
    [Theory]
    [OnEachDatabase]
    public async Task FetchedAuthorsAreFoundAndTheirYearsFacetAndFilterTheSearch(DatabaseProvider provider)
    {
        await using var web = await MetadataWeb.StartAsync();
        LinkMetadataRunTests.ServePages(web);
        await using var catalog = new MetadataCatalog(web, provider: provider);
        await catalog.ImportMarkdownAsync(LinkMetadataRunTests.Seed);
        await catalog.RunMetaAsync();
        var client = catalog.CreateClient();

        var hongler = await client.GetFromJsonAsync<JsonElement>("/api/search?q=Hongler", Ct);
        var page = await client.GetDocumentAsync("/search?q=learning");
        var narrowed = await client.GetFromJsonAsync<JsonElement>("/api/search?q=learning&year=2017", Ct);

        // The hit carries what was fetched and its (unchecked) health, on either database.
        var jacot = hongler.GetProperty("results").EnumerateArray().First(r => r.GetProperty("url").GetString()!.Contains("1806.07572", StringComparison.Ordinal));
        Assert.Contains("Clément Hongler", jacot.GetProperty("meta").GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(JsonValueKind.Null, jacot.GetProperty("health").GetProperty("status").ValueKind);
        var years = page.QuerySelectorAll(".search-facet").Single(f => f.QuerySelector("h2")!.TextContent == "Year")
            .QuerySelectorAll("li").ToDictionary(li => li.QuerySelector("a")!.TextContent, li => li.QuerySelector(".search-count")!.TextContent);
        Assert.Equal("2", years["2019"]);
        Assert.Equal("1", years["2017"]);
        Assert.Equal(["https://www.openreview-like.example.org/forum?id=Sy8gdB9xx"], narrowed.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()));
    }
}
