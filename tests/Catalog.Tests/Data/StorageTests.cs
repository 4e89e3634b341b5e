using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Data;

/// <summary>What the importer reports is what a real SQLite file holds afterwards, and re-imports are stable.</summary>
public sealed class StorageTests : IDisposable
{
    private readonly EmptyCatalogFactory _factory = new();

    [Fact]
    public async Task ImportedSeedRoundTripsThroughSqlite()
    {
        var report = await _factory.ImportAsync(EmptyCatalogFactory.SeedPath);

        using var db = _factory.OpenDatabase();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(report.Topics, await db.Topics.CountAsync(ct));
        Assert.Equal(report.Links, await db.Mentions.CountAsync(ct));
        Assert.Equal(report.DistinctUrls, await db.Links.CountAsync(ct));
        Assert.Equal(report.Quotes, await db.Quotes.CountAsync(ct));
        Assert.Equal(report.Images, await db.Images.CountAsync(ct));
        Assert.Equal(1, await db.Sources.CountAsync(ct));
        Assert.Equal(1, (await db.CatalogState.SingleAsync(ct)).Version);
        Assert.Equal(report.Sha256, (await db.SeedBlobs.SingleAsync(ct)).Sha256);

        var run = await db.ImportRuns.SingleAsync(ct);
        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Contains("\"distinctUrls\":" + report.DistinctUrls, run.ReportJson);

        // One search document per link (its quotes included) and per topic.
        var indexed = await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM search_index").SingleAsync(ct);
        Assert.Equal(report.DistinctUrls + report.Topics, indexed);
    }

    [Fact]
    public async Task ReimportingTheSameFileKeepsLinkIdsAndSlugsAndChangesNothing()
    {
        await _factory.ImportAsync(EmptyCatalogFactory.SeedPath);
        var ct = TestContext.Current.CancellationToken;
        using var before = _factory.OpenDatabase();
        var links = await before.Links.OrderBy(l => l.Id).Select(l => new { l.Id, l.Url }).ToListAsync(ct);
        var slugs = await before.Topics.OrderBy(t => t.Position).Select(t => t.Slug).ToListAsync(ct);

        var again = await _factory.ImportAsync(EmptyCatalogFactory.SeedPath);

        using var after = _factory.OpenDatabase();
        Assert.True(again.Unchanged);
        Assert.True(again.Diff.IsEmpty);
        Assert.Equal(links, await after.Links.OrderBy(l => l.Id).Select(l => new { l.Id, l.Url }).ToListAsync(ct));
        Assert.Equal(slugs, await after.Topics.OrderBy(t => t.Position).Select(t => t.Slug).ToListAsync(ct));
        Assert.Equal(2, (await after.CatalogState.SingleAsync(ct)).Version);
        Assert.Empty(await after.SlugRedirects.ToListAsync(ct));
    }

    [Fact]
    public async Task DryRunWritesNothing()
    {
        var report = await _factory.ImportAsync(EmptyCatalogFactory.SeedPath, dryRun: true);

        using var db = _factory.OpenDatabase();
        Assert.True(report.DryRun);
        Assert.Equal(268, report.Diff.LinksAdded);
        Assert.Equal(0, await db.Topics.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.ImportRuns.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReportCountsHeadingsWhileContentBeforeTheFirstHeadingGetsATopicOfItsOwn()
    {
        var report = await _factory.ImportAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus", "sindresorhus--awesome.md"));

        using var db = _factory.OpenDatabase();
        Assert.Equal(28, report.Topics);
        Assert.Equal(29, await db.Topics.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal("sindresorhus--awesome", (await db.Topics.OrderBy(t => t.Position).FirstAsync(TestContext.Current.CancellationToken)).Title);
    }

    [Fact]
    public async Task DatabaseIsInWalMode()
    {
        await _factory.ImportAsync(EmptyCatalogFactory.SeedPath);

        using var db = _factory.OpenDatabase();
        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", mode.Single());
    }

    public void Dispose() => _factory.Dispose();
}
