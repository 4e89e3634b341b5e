using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Cli;

/// <summary>The CLI as a process on each database: import creates the schema and imports; on PostgreSQL, backup names the pg_dump command.</summary>
public sealed class CommandLineOnEachDatabaseTests
{
    [Theory]
    [OnEachDatabase]
    public async Task TheImportVerbCreatesTheSchemaAndImportsAndASecondRunFindsTheFileUnchanged(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var environment = Environment(database);

        var first = await CatalogProcess.RunAsync("unused.db", environment, "import", Seeds.OriginalPath);
        var second = await CatalogProcess.RunAsync("unused.db", environment, "import", Seeds.OriginalPath);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.StartsWith("Imported: ", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("unchanged: this file is the version already imported", second.Stdout, StringComparison.Ordinal);
        await using var db = database.Context();
        Assert.Equal(2, await db.ImportRuns.CountAsync(ct));
    }

    [Theory]
    [OnEachDatabase]
    public async Task TheExportVerbWritesTheSourceBackByteForByteAndTheCatalogAsJson(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var environment = Environment(database);
        var folder = Directory.CreateTempSubdirectory("catalog-export-");
        try
        {
            Assert.Equal(0, (await CatalogProcess.RunAsync("unused.db", environment, "import", Seeds.OriginalPath)).ExitCode);
            var markdown = Path.Combine(folder.FullName, "back.md");
            var json = Path.Combine(folder.FullName, "catalog.json");

            var source = await CatalogProcess.RunAsync("unused.db", environment, "export", Seeds.Name, markdown, "--resolved");
            var dump = await CatalogProcess.RunAsync("unused.db", environment, "export", "--format", "json", json);

            Assert.True(source.ExitCode == 0, source.Stderr);
            Assert.Equal(Seeds.Original, await File.ReadAllBytesAsync(markdown, ct));
            Assert.True(dump.ExitCode == 0, dump.Stderr);
            Assert.Contains("\"version\": 1", await File.ReadAllTextAsync(json, ct), StringComparison.Ordinal);
            Assert.Contains("\"slug\": \"topology-and-deep-learning\"", await File.ReadAllTextAsync(json, ct), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [OnEachDatabase]
    public async Task LinkMetadataLoadedWithLinksImportIsWrittenBackByLinksExportAndSearchFindsItsTitle(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var environment = Environment(database);
        var folder = Directory.CreateTempSubdirectory("catalog-links-");
        try
        {
            Assert.Equal(0, (await CatalogProcess.RunAsync("unused.db", environment, "import", Seeds.OriginalPath)).ExitCode);
            var input = Path.Combine(folder.FullName, "in.links.json");
            var output = Path.Combine(folder.FullName, "out.links.json");
            await File.WriteAllTextAsync(input, """
                {"format": "catalog-link-metadata", "version": 1, "exportedAt": "2026-12-01T00:00:00Z", "links": [
                  {"url": "https://arxiv.org/abs/1711.07653", "source": "arxiv", "kind": "paper",
                   "title": "Quasiperiodic Lattices of Unusual Learners", "authors": ["Ada Quillfeather"], "year": 2017,
                   "fetchedAt": "2026-12-01T00:00:00Z"}]}
                """, ct);

            var loaded = await CatalogProcess.RunAsync("unused.db", environment, "links", "import", input);
            var written = await CatalogProcess.RunAsync("unused.db", environment, "links", "export", output);

            Assert.True(loaded.ExitCode == 0, loaded.Stderr);
            Assert.True(written.ExitCode == 0, written.Stderr);
            var exported = await File.ReadAllTextAsync(output, ct);
            Assert.Contains("\"title\": \"Quasiperiodic Lattices of Unusual Learners\"", exported, StringComparison.Ordinal);
            Assert.Contains("Ada Quillfeather", exported, StringComparison.Ordinal);

            // The loaded title joins the link's search document (the metadata store re-indexes it on either database).
            await using var db = database.Context();
            using var lexicons = new Catalog.Web.Search.SearchLexicons(new Catalog.Web.Web.CatalogVersion());
            var search = new Catalog.Web.Search.CatalogSearch(db, lexicons);
            var results = await search.SearchAsync(new Catalog.Web.Search.SearchRequest("quasiperiodic quillfeather", Catalog.Web.Search.SearchFilters.None, 1, 10), withFacets: false, ct);
            Assert.Equal("https://arxiv.org/abs/1711.07653", Assert.Single(results.Hits).Url);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task BackupOnPostgreSqlPrintsThePgDumpCommandWithoutThePassword()
    {
        var environment = new Dictionary<string, string>
        {
            ["Catalog__Database"] = "PostgreSql",
            ["ConnectionStrings__Catalog"] = "Host=db.example.org;Port=5433;Database=catalog;Username=it's me;Password=secret",
        };

        var backup = await CatalogProcess.RunAsync("unused.db", environment, "backup", "/tmp/catalog.dump");

        Assert.Equal(2, backup.ExitCode);
        Assert.Equal(
            "pg_dump --format=custom --file='/tmp/catalog.dump' --host='db.example.org' --port=5433 --username='it'\\''s me' --dbname='catalog'",
            backup.Stdout.Trim());
        Assert.DoesNotContain("secret", backup.Stdout + backup.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("backup: the catalog is on PostgreSQL; back it up with pg_dump", backup.Stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(TestDatabase database) => new()
    {
        ["Catalog__Database"] = database.Provider.ToString(),
        ["ConnectionStrings__Catalog"] = database.ConnectionString,
    };
}
