using System.Text;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Import;

/// <summary>The import's promises on each database: one transaction, a run record and a new version, one import at a time.</summary>
public sealed class ImportOnEachDatabaseTests
{
    private const string TwoTopics = """
        # Reading

        ## Papers

        - [One](https://example.org/one)
        - [Two](https://example.org/two)
        - [Three](https://example.org/three)

        ## Talks

        - [Four](https://example.org/four)
        """;

    [Theory]
    [OnEachDatabase]
    public async Task EachImportRecordsItsRunAndANewVersionAndRenamedTopicsRedirect(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = EmptyCatalogFactory.On(provider);
        await catalog.ImportAsync(Seed(TwoTopics));

        var second = await catalog.ImportAsync(Seed(TwoTopics.Replace("## Talks", "## Lectures", StringComparison.Ordinal)));

        await using var db = catalog.OpenDatabase();
        Assert.Equal(2, await db.CatalogState.Select(s => s.Version).SingleAsync(ct));
        Assert.Equal([ImportStatus.Succeeded, ImportStatus.Succeeded], await db.ImportRuns.OrderBy(r => r.Id).Select(r => r.Status).ToListAsync(ct));
        Assert.Equal(["reading", "papers", "lectures"], await db.Topics.OrderBy(t => t.Position).Select(t => t.Slug).ToListAsync(ct));
        Assert.Equal("lectures", await db.SlugRedirects.Where(r => r.Slug == "talks").Select(r => r.TopicSlug).SingleAsync(ct));
        Assert.Contains(second.RunId, await db.ImportRuns.Select(r => (int?)r.Id).ToListAsync(ct));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AnImportThatFailsAfterItsWritesLeavesThePreviousCatalog(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = EmptyCatalogFactory.On(provider);
        await catalog.ImportAsync(Seed(TwoTopics));

        // Removing most links needs confirming; the importer finds out after it has written the new catalog.
        var catalogImporter = catalog.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<CatalogImporter>();
        await Assert.ThrowsAsync<ImportNeedsConfirmationException>(() =>
            catalogImporter.ImportAsync(new ImportRequest(Seed("# Reading\n\n- [One](https://example.org/one)\n"), User: "test"), ct));

        await using var db = catalog.OpenDatabase();
        Assert.Equal(4, await db.Links.CountAsync(ct));
        Assert.Equal(3, await db.Topics.CountAsync(ct));
        Assert.Equal(1, await db.CatalogState.Select(s => s.Version).SingleAsync(ct));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AnImportWhileAnotherHoldsTheLockIsRefusedAsBusyAndNothingChanges(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = EmptyCatalogFactory.On(provider, new Dictionary<string, string?> { ["Catalog:ImportLockWait"] = "00:00:01" });
        await catalog.ImportAsync(Seed(TwoTopics));
        var database = catalog.Services.GetRequiredService<CatalogDatabase>();

        // Another import's lock, held on a connection of its own.
        await using var other = await database.OpenAsync(ct);
        await using var running = await database.Dialect.BeginImportAsync(other, dryRun: false, TimeSpan.FromSeconds(1), ct);
        var busy = await Assert.ThrowsAsync<ImportBusyException>(() => catalog.ImportAsync(Seed(TwoTopics + "\n- [Five](https://example.org/five)\n")));

        Assert.Contains("another import is running", busy.Message, StringComparison.Ordinal);
        await running.RollbackAsync(ct);
        await using (var unchanged = catalog.OpenDatabase())
        {
            Assert.Equal(4, await unchanged.Links.CountAsync(ct));
        }

        await catalog.ImportAsync(Seed(TwoTopics + "\n- [Five](https://example.org/five)\n"));
        await using var db = catalog.OpenDatabase();
        Assert.Equal(5, await db.Links.CountAsync(ct));
    }

    private static SeedFile Seed(string markdown) => new("reading.md", Encoding.UTF8.GetBytes(markdown));
}
