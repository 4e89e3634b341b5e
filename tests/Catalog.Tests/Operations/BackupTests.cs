using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Operations;

/// <summary><c>backup &lt;target.db&gt;</c>: an online copy of the live catalog that opens, checks sound, and holds the same data.</summary>
public sealed class BackupTests : IDisposable
{
    private static readonly string[] s_counts =
    [
        "SELECT count(*) FROM Topics", "SELECT count(*) FROM Links", "SELECT count(*) FROM Mentions", "SELECT count(*) FROM Quotes",
        "SELECT count(*) FROM Images", "SELECT count(*) FROM ImportRuns", "SELECT count(*) FROM SlugRedirects",
        "SELECT count(*) FROM search_index WHERE search_index MATCH 'physics'", "SELECT Version FROM CatalogState",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-backup-").FullName;

    private string Database => Path.Combine(_folder, "catalog.db");

    private string Target => Path.Combine(_folder, "backup.db");

    [Fact]
    public async Task TheBackupPassesItsIntegrityCheckAndHoldsTheSameCatalog()
    {
        Assert.Equal(0, (await CatalogProcess.RunAsync(Database, "import", Seeds.OriginalPath)).ExitCode);
        Assert.Equal(0, (await CatalogProcess.RunAsync(Database, "import", Seeds.ChangedPath)).ExitCode);

        var backup = await CatalogProcess.RunAsync(Database, "backup", Target);

        Assert.Equal(0, backup.ExitCode);
        Assert.StartsWith($"Backed up {CatalogFile.Scalar(Database, "SELECT count(*) FROM Topics")} topics", backup.Stdout, StringComparison.Ordinal);
        Assert.Equal("ok", CatalogFile.Text(Target, "PRAGMA integrity_check"));
        Assert.All(s_counts, sql => Assert.Equal(CatalogFile.Scalar(Database, sql), CatalogFile.Scalar(Target, sql)));
        Assert.True(CatalogFile.Scalar(Target, "SELECT count(*) FROM Topics") > 0);
    }

    [Fact]
    public async Task ABackupTakenWhileAnImportIsWritingHoldsTheLastCommittedCatalog()
    {
        Assert.Equal(0, (await CatalogProcess.RunAsync(Database, "import", Seeds.OriginalPath)).ExitCode);
        using var writer = new SqliteConnection($"Data Source={Database};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);
        using (var write = writer.CreateCommand())
        {
            write.CommandText = "UPDATE CatalogState SET Version = 999; DELETE FROM Mentions;";
            write.ExecuteNonQuery();
        }

        var backup = await CatalogProcess.RunAsync(Database, "backup", Target);
        transaction.Rollback();

        Assert.Equal(0, backup.ExitCode);
        Assert.Equal(1, CatalogFile.Scalar(Target, "SELECT Version FROM CatalogState"));
        Assert.Equal(CatalogFile.Scalar(Database, "SELECT count(*) FROM Mentions"), CatalogFile.Scalar(Target, "SELECT count(*) FROM Mentions"));
    }

    [Fact]
    public async Task ABackupNeverOverwritesAFileAndSaysWhyATargetCannotBeWritten()
    {
        Assert.Equal(0, (await CatalogProcess.RunAsync(Database, "import", Seeds.OriginalPath)).ExitCode);
        await File.WriteAllTextAsync(Target, "precious", TestContext.Current.CancellationToken);
        var nowhere = Path.Combine(_folder, "no-such-folder", "backup.db");

        var existing = await CatalogProcess.RunAsync(Database, "backup", Target);
        var missingFolder = await CatalogProcess.RunAsync(Database, "backup", nowhere);

        Assert.Equal(1, existing.ExitCode);
        Assert.Contains("already exists", existing.Stderr, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(Target, TestContext.Current.CancellationToken));
        Assert.Equal(1, missingFolder.ExitCode);
        Assert.Contains("backup: ", missingFolder.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missingFolder.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(nowhere)));
    }

    [Fact]
    public async Task WithoutACatalogThereIsNothingToBackUpAndNoDatabaseIsCreated()
    {
        var backup = await CatalogProcess.RunAsync(Database, "backup", Target);

        Assert.Equal(1, backup.ExitCode);
        Assert.Contains("no catalog database", backup.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public async Task BackupNeedsExactlyOneTarget()
    {
        var backup = await CatalogProcess.RunAsync(Database, "backup");

        Assert.Equal(2, backup.ExitCode);
        Assert.Contains("backup <target.db>", backup.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
