using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Catalog.Web.Data;
using Catalog.Web.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Data;

/// <summary>A new database made from the embedded Schema.sql is the database the migrations make.</summary>
public sealed class CatalogSchemaTests : IDisposable
{
    private const string RewriteVariable = "CATALOG_WRITE_SCHEMA";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("catalog-schema-");

    [Fact]
    public void TheEmbeddedScriptIsWhatTheMigrationsGenerate()
    {
        using var db = Context("generated.db");
        var generated = CatalogSchema.Generate(db);
        if (generated != CatalogSchema.Script && Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            File.WriteAllText(ScriptSourcePath(), generated);
        }

        Assert.Contains("CREATE TABLE \"Mentions\"", generated);
        Assert.True(generated == CatalogSchema.Script,
            $"src/Catalog.Web/Data/Schema.sql is not what the migrations generate: run `{RewriteVariable}=1 dotnet test --filter CatalogSchemaTests`, rebuild and commit the file.");
    }

    [Fact]
    public async Task ANewDatabaseFromTheScriptHasTheMigratedSchemaAndHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await CatalogSchema.TryCreateAsync(Database("scripted.db"), ct));
        await using (var scripted = Context("scripted.db"))
        {
            Assert.Empty(await scripted.Database.GetPendingMigrationsAsync(ct));
        }

        await using (var migrated = Context("migrated.db"))
        {
            await migrated.Database.MigrateAsync(ct);
        }

        Assert.Equal(Schema("migrated.db"), Schema("scripted.db"));
        Assert.Equal(Rows("migrated.db", "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1"), Rows("scripted.db", "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1"));
        Assert.Contains(Schema("scripted.db"), row => row.StartsWith("table search_index: CREATE VIRTUAL TABLE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADatabaseWithTablesIsLeftForTheMigrations()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Context("existing.db"))
        {
            await db.MigrateCatalogAsync(ct);
        }

        SqliteConnection.ClearAllPools();
        var before = Hash("existing.db");
        Assert.False(await CatalogSchema.TryCreateAsync(Database("existing.db"), ct));

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Hash("existing.db"));
    }

    [Fact]
    public async Task MigrateCatalogMakesANewFileInWalModeThatTheMigrationsFindUpToDate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = Context("new.db");
        await db.MigrateCatalogAsync(ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        Assert.Equal(["wal"], Rows("new.db", "PRAGMA journal_mode"));

        // And migrating it again is a no-op that still works.
        await db.MigrateCatalogAsync(ct);
        Assert.Equal(0, await db.Topics.CountAsync(ct));
    }

    [Fact]
    public async Task OnlyAFileWithEveryMigrationAppliedIsCurrent()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.False(await CatalogSchema.IsCurrentAsync(Database("missing.db"), ct));
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "missing.db")));

        await using (var empty = await Database("empty.db").OpenAsync(ct))
        {
            Assert.False(await CatalogSchema.IsCurrentAsync(Database("empty.db"), ct));
        }

        Assert.True(await CatalogSchema.TryCreateAsync(Database("current.db"), ct));
        Assert.True(await CatalogSchema.IsCurrentAsync(Database("current.db"), ct));
        Assert.Equal(MigrationsEfFinds(), CatalogSchema.MigrationIds.Order(StringComparer.Ordinal));

        Rows("current.db", $"DELETE FROM __EFMigrationsHistory WHERE MigrationId = '{CatalogSchema.MigrationIds.Max()}' RETURNING MigrationId");
        Assert.False(await CatalogSchema.IsCurrentAsync(Database("current.db"), ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static string ScriptSourcePath([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "src", "Catalog.Web", "Data", "Schema.sql"));

    private CatalogDatabase Database(string name) => new($"Data Source={Path.Combine(_folder.FullName, name)}");

    private CatalogDbContext Context(string name) => new(new DbContextOptionsBuilder<CatalogDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder.FullName, name)}")
        .AddInterceptors(new SqlitePragmas())
        .Options);

    // Every table, index, trigger and virtual table with its SQL, except EF's migration lock (made by the migrator itself).
    private List<string> Schema(string name) =>
        Rows(name, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name <> '__EFMigrationsLock' ORDER BY type, name");

    private List<string> Rows(string name, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.FullName, name)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private string Hash(string name) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(_folder.FullName, name))));

    // What EF's own migrations assembly lists, so a new migration needs no constant changed here.
    private IEnumerable<string> MigrationsEfFinds()
    {
        using var db = Context("ef-migrations.db");
        return [.. db.Database.GetMigrations().Order(StringComparer.Ordinal)];
    }
}
