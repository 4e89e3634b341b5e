using Catalog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Import;

/// <summary>A process killed in the middle of an import leaves the previous catalog, and a sound database file.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-crash-").FullName;

    [Fact]
    public async Task KillingAnImportMidwayKeepsThePreviousCatalogIntact()
    {
        var database = Path.Combine(_folder, "catalog.db");
        var first = await CatalogProcess.RunAsync(database, "import", EmptyCatalogFactory.SeedPath);
        Assert.Equal(0, first.ExitCode);
        var big = Path.Combine(_folder, "science-of-deep-learning.md");
        await File.WriteAllTextAsync(big, LargeSeed.Make(150), TestContext.Current.CancellationToken);

        using (var import = CatalogProcess.Start(database, "import", big, "--yes"))
        {
            // Uncommitted pages spill into the WAL once the page cache is full: the import is writing.
            await WaitUntil(() => FileSize(database + "-wal") > 2_000_000 || import.HasExited);
            Assert.False(import.HasExited, "the import finished before it could be killed; make the file larger");
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Equal(17L, Scalar(connection, "SELECT count(*) FROM Topics"));
        Assert.Equal(291L, Scalar(connection, "SELECT count(*) FROM Mentions"));
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM ImportRuns"));
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM Topics WHERE Title LIKE 'Volume %'"));
    }

    [Fact]
    public async Task KillingTheFirstImportIntoANewFileLeavesAnEmptyCatalogThatTheNextImportFills()
    {
        // A new file's first import runs in rollback-journal mode: its pages go straight into the file.
        var database = Path.Combine(_folder, "catalog.db");
        var big = Path.Combine(_folder, "science-of-deep-learning.md");
        await File.WriteAllTextAsync(big, LargeSeed.Make(150), TestContext.Current.CancellationToken);

        using (var import = CatalogProcess.Start(database, "import", big))
        {
            await WaitUntil(() => (File.Exists(database + "-journal") && FileSize(database) > 4_000_000) || import.HasExited);
            Assert.False(import.HasExited, "the import finished before it could be killed; make the file larger");
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM Topics"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM Links"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM ImportRuns"));
        }

        var again = await CatalogProcess.RunAsync(database, "import", EmptyCatalogFactory.SeedPath);
        Assert.Equal(0, again.ExitCode);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            Assert.Equal(17L, Scalar(connection, "SELECT count(*) FROM Topics"));
            Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
