using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Links.Metadata;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkMetadata;

/// <summary>A metadata run on each database: its rows, the kinds it improves and the catalog version it moves on.</summary>
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
}
