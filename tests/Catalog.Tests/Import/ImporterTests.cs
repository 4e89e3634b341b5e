using Catalog.Tests.Admin;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Import;

public sealed class ImporterTests
{
    private static SeedFile Original => new(Seeds.Name, Seeds.Original);

    private static SeedFile Changed => new(Seeds.Name, Seeds.Changed);

    [Fact]
    public async Task DryRunOfTheChangedSeedReportsExactlyItsChangesAndWritesNothing()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);
        var before = CatalogFile.Hash(catalog.DatabasePath);

        var report = await catalog.ImportAsync(Changed, dryRun: true);

        var diff = report.Diff;
        Assert.Equal(["Kernel Methods and Deep Learning"], diff.TopicsAdded);
        Assert.Equal(["Topology and Deep Learning"], diff.TopicsRemoved);
        Assert.Equal([new TopicRename("Deep learning and Optimal Transport", "Optimal Transport and Deep Learning")], diff.TopicsRenamed);
        Assert.Equal(2, diff.LinksAdded);
        Assert.Equal(await DistinctUrlsOfTopicAsync(catalog, "topology-and-deep-learning") + 1, diff.LinksRemoved);
        Assert.Equal(2, diff.LinksChanged);
        Assert.Equal(
            [ChangeKind.TopicAdded, ChangeKind.TopicRemoved, ChangeKind.TopicRenamed, ChangeKind.LinkAdded, ChangeKind.LinkRemoved,
                ChangeKind.LinkRelabelled, ChangeKind.QuoteEdited, ChangeKind.QuoteRemoved, ChangeKind.ImageAdded],
            diff.Changes.Select(c => c.Kind).Distinct());
        Assert.False(report.Unchanged);
        Assert.False(report.RemovesMostLinks);
        Assert.Equal(before, CatalogFile.Hash(catalog.DatabasePath));
    }

    [Fact]
    public async Task ApplyRecordsARedirectForTheRenamedTopicAndGoneForTheRemovedOne()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);

        await catalog.ImportAsync(Changed);

        var redirects = await catalog.RedirectsAsync();
        Assert.Equal(2, redirects.Count);
        Assert.Equal("optimal-transport-and-deep-learning", redirects["deep-learning-and-optimal-transport"]);
        Assert.Null(redirects["topology-and-deep-learning"]);
        var slugs = await catalog.SlugsAsync();
        Assert.Contains("optimal-transport-and-deep-learning", slugs);
        Assert.Contains("kernel-methods-and-deep-learning", slugs);
        Assert.DoesNotContain("topology-and-deep-learning", slugs);
    }

    [Fact]
    public async Task RemovedLinksLeaveTheSearchIndexAndAddedOnesEnterIt()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);
        var removedIds = await LinkIdsOfTopicAsync(catalog, "topology-and-deep-learning");
        Assert.Equal(removedIds.Count, IndexedLinks(catalog, removedIds));
        Assert.Equal(0, Matches(catalog, "\"neural tangent kernel convergence\""));

        await catalog.ImportAsync(Changed);

        Assert.Equal(0, IndexedLinks(catalog, removedIds));
        Assert.Equal(0, CatalogFile.Scalar(catalog.DatabasePath, "SELECT COUNT(*) FROM Links WHERE Url = 'https://physics-ai.com/'"));
        Assert.Equal(2, IndexedLinks(catalog, await LinkIdsOfTopicAsync(catalog, "kernel-methods-and-deep-learning")));
        Assert.Equal(1, Matches(catalog, "\"neural tangent kernel convergence\""));
    }

    [Fact]
    public async Task AppliedImportUpdatesTheSourceHashKeepsTheFileAndBumpsTheCatalogVersion()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);

        var report = await catalog.ImportAsync(Changed);

        Assert.Equal(Changed.Sha256, CatalogFile.Text(catalog.DatabasePath, "SELECT Sha256 FROM Sources"));
        Assert.Equal(2, CatalogFile.Scalar(catalog.DatabasePath, "SELECT Version FROM CatalogState"));
        Assert.Equal(2, CatalogFile.Scalar(catalog.DatabasePath, "SELECT COUNT(*) FROM SeedBlobs"));
        Assert.Equal(report.RunId, (int)CatalogFile.Scalar(catalog.DatabasePath, "SELECT MAX(Id) FROM ImportRuns"));
        Assert.True((await catalog.ImportAsync(Changed, dryRun: true)).Unchanged);
        Assert.False((await catalog.ImportAsync(Original, dryRun: true)).Unchanged);
    }

    [Fact]
    public async Task WhatTheImporterWritesReadsBackThroughEfAsItWasMeant()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);
        var before = DateTimeOffset.UtcNow;

        var report = await catalog.ImportAsync(Changed);

        var after = DateTimeOffset.UtcNow;
        await using var db = catalog.Context();
        var ct = TestContext.Current.CancellationToken;
        var run = await db.ImportRuns.SingleAsync(r => r.Id == report.RunId, ct);
        var source = await db.Sources.SingleAsync(ct);
        var redirect = await db.SlugRedirects.SingleAsync(r => r.Slug == "topology-and-deep-learning", ct);
        Assert.Equal((Seeds.Name, Changed.Sha256, ImportStatus.Succeeded, "test"), (run.SourceName, run.Sha256, run.Status, run.User));
        Assert.Null(run.Error);
        Assert.InRange(run.StartedAt, before, run.FinishedAt);
        Assert.InRange(run.FinishedAt, run.StartedAt, after);
        Assert.Equal(run.StartedAt, source.ImportedAt);
        Assert.Equal(run.StartedAt, redirect.CreatedAt);
        Assert.Equal("Topology and Deep Learning", redirect.Title);
        Assert.Contains("https://arxiv.org/abs/1811.01122", redirect.LinkUrls.Split('\n'));
        Assert.InRange((await db.CatalogState.SingleAsync(ct)).UpdatedAt, run.StartedAt, after);
    }

    [Fact]
    public async Task ApplyIsRefusedWhenTheCatalogChangedSinceThePreview()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);
        var preview = await catalog.ImportAsync(Changed, dryRun: true);
        await catalog.ImportAsync("other.md", "# Other\n\n- https://other.example/\n");
        var before = CatalogFile.Hash(catalog.DatabasePath);

        var refused = await Assert.ThrowsAsync<CatalogChangedException>(() => catalog.ImportAsync(Changed, expectedVersion: preview.CatalogVersion));

        Assert.Equal(preview.CatalogVersion + 1, refused.Report.CatalogVersion);
        Assert.Equal(before, CatalogFile.Hash(catalog.DatabasePath));
        await catalog.ImportAsync(Changed, expectedVersion: refused.Report.CatalogVersion);
    }

    [Fact]
    public async Task RemovingMoreThanHalfOfTheLinksNeedsConfirmation()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);
        var before = CatalogFile.Hash(catalog.DatabasePath);
        const string Small = "# Science of Deep Learning\n\n- https://stats385.github.io/\n";

        var refused = await Assert.ThrowsAsync<ImportNeedsConfirmationException>(() => catalog.ImportAsync(Seeds.Name, Small));

        Assert.True(refused.Report.RemovesMostLinks);
        Assert.Equal(before, CatalogFile.Hash(catalog.DatabasePath));
        await catalog.ImportAsync(Seeds.Name, Small, confirm: true);
        Assert.Equal(1, CatalogFile.Scalar(catalog.DatabasePath, "SELECT COUNT(*) FROM Links"));
    }

    [Fact]
    public async Task AFailureDuringApplyLeavesTheOldCatalog()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);
        ExecuteSql(catalog, """
            CREATE TRIGGER fail_on_new_image BEFORE INSERT ON Images
            WHEN NEW.Src LIKE '%rmt-spectrum.png' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
            """);
        var before = CatalogFile.Hash(catalog.DatabasePath);

        var failure = await Assert.ThrowsAsync<SqliteException>(() => catalog.ImportAsync(Changed));

        Assert.Contains("injected failure", failure.Message);
        Assert.Equal(before, CatalogFile.Hash(catalog.DatabasePath));
    }

    [Fact]
    public async Task ASlugRenamedTwiceRedirectsToTheLiveTopicInOneHop()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        const string Links = "\n\n- https://a.example/\n- https://b.example/\n- https://c.example/\n";
        await catalog.ImportAsync("t.md", "# Alpha" + Links);
        await catalog.ImportAsync("t.md", "# Beta" + Links);

        await catalog.ImportAsync("t.md", "# Gamma" + Links);

        var redirects = await catalog.RedirectsAsync();
        Assert.Equal("gamma", redirects["alpha"]);
        Assert.Equal("gamma", redirects["beta"]);

        await catalog.ImportAsync("t.md", "# Alpha" + Links);

        redirects = await catalog.RedirectsAsync();
        Assert.False(redirects.ContainsKey("alpha"));
        Assert.Equal("alpha", redirects["beta"]);
        Assert.Equal("alpha", redirects["gamma"]);

        await catalog.ImportAsync("t.md", "# Delta\n\n- https://d.example/\n", confirm: true);

        redirects = await catalog.RedirectsAsync();
        Assert.Equal([null, null, null], new[] { "alpha", "beta", "gamma" }.Select(slug => redirects[slug]));
    }

    [Fact]
    public async Task LinkCountsAreOfDistinctUrlsAcrossTheWholeCatalog()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync("a.md", "# A\n\n- https://shared.example/\n- https://only-a.example/\n- [twice](https://twice.example/)\n- [twice again](https://twice.example/)\n");
        await catalog.ImportAsync("b.md", "# B\n\n- https://shared.example/\n");

        var report = await catalog.ImportAsync("a.md", "# A\n\n- https://only-a.example/\n- https://new.example/\n- https://shared-later.example/\n", dryRun: true);

        // shared.example stays (b.md lists it); twice.example goes once however often it was listed.
        Assert.Equal(1, report.Diff.LinksRemoved);
        Assert.Equal(2, report.Diff.LinksAdded);
        Assert.Equal(0, report.Diff.LinksChanged);
        Assert.Equal(2, report.Diff.Changes.Count(c => c.Kind == ChangeKind.LinkRemoved));
    }

    [Fact]
    public async Task ASlugAnotherSourceUsesGetsTheNextFreeSuffixWithItsChildrenAndLinksKept()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync("a.md", "# Theory\n\n- https://a.example/\n");

        // Its final slug depends on the whole file: theory-2 is taken by b.md's own second heading.
        var report = await catalog.ImportAsync("b.md", "# Theory\n\n- https://b.example/\n\n## Child\n\n- https://c.example/\n\n# Theory 2\n\n- https://d.example/\n");

        Assert.Equal(3, report.Topics);
        Assert.Equal(["theory", "theory-3", "child", "theory-2"], await catalog.SlugsAsync());
        Assert.Equal("theory-3", CatalogFile.Text(catalog.DatabasePath, "SELECT p.Slug FROM Topics t JOIN Topics p ON p.Id = t.ParentId WHERE t.Slug = 'child'"));
        Assert.Equal("https://b.example/", CatalogFile.Text(catalog.DatabasePath,
            "SELECT l.Url FROM Mentions m JOIN Links l ON l.Id = m.LinkId JOIN Topics t ON t.Id = m.TopicId WHERE t.Slug = 'theory-3'"));
        Assert.Equal(0, CatalogFile.Scalar(catalog.DatabasePath, "SELECT COUNT(*) FROM Topics WHERE Slug NOT GLOB '[a-z0-9]*'"));

        // Re-importing b.md keeps the same slugs.
        await catalog.ImportAsync("b.md", "# Theory\n\n- https://b.example/\n- https://e.example/\n\n## Child\n\n- https://c.example/\n\n# Theory 2\n\n- https://d.example/\n");
        Assert.Equal(["theory", "theory-3", "child", "theory-2"], await catalog.SlugsAsync());
    }

    [Fact]
    public async Task AFileNamedLikeAnotherSourceButForCaseIsRefused()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(Original);
        var before = CatalogFile.Hash(catalog.DatabasePath);

        var refused = await Assert.ThrowsAsync<SeedFileException>(() => catalog.ImportAsync(new SeedFile(Seeds.Name.ToUpperInvariant().Replace(".MD", ".md", StringComparison.Ordinal), Seeds.Changed)));

        Assert.Contains("names differ only in case", refused.Message);
        Assert.Equal(before, CatalogFile.Hash(catalog.DatabasePath));
    }

    private static async Task<long> DistinctUrlsOfTopicAsync(TempCatalog catalog, string slug) =>
        (await LinkIdsOfTopicAsync(catalog, slug)).Count;

    private static async Task<List<int>> LinkIdsOfTopicAsync(TempCatalog catalog, string slug)
    {
        await using var db = catalog.Context();
        return await db.Mentions.Where(m => m.Topic.Slug == slug).Select(m => m.LinkId).Distinct().ToListAsync(TestContext.Current.CancellationToken);
    }

    private static long IndexedLinks(TempCatalog catalog, List<int> ids) => CatalogFile.Scalar(catalog.DatabasePath,
        $"SELECT COUNT(*) FROM search_index WHERE rowid IN ({string.Join(',', ids.DefaultIfEmpty(-1))})");

    private static long Matches(TempCatalog catalog, string query) => CatalogFile.Scalar(catalog.DatabasePath,
        $"SELECT COUNT(*) FROM search_index WHERE search_index MATCH '{query}' AND rowid > 0");

    private static void ExecuteSql(TempCatalog catalog, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={catalog.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
