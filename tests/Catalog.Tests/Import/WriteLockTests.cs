using System.Net;
using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Import;

/// <summary>
/// A preview reads a snapshot and never takes SQLite's write lock; a writer that finds the lock taken answers "another
/// import is running" (<see cref="ImportBusyException"/>, 409, exit code 3) instead of a 500 or a stack trace.
/// Each test holds the write lock from a second connection on the same real file, as a running import does.
/// </summary>
public sealed class WriteLockTests
{
    [Fact]
    public async Task ADryRunReadsItsSnapshotWhileAnotherImportHoldsTheWriteLock()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(new SeedFile(Seeds.Name, Seeds.Original));
        catalog.Settings.ImportLockWait = TimeSpan.Zero;
        await using var running = await HoldWriteLockAsync(catalog.DatabasePath);

        var preview = await catalog.ImportAsync(new SeedFile(Seeds.Name, Seeds.Changed), dryRun: true);

        Assert.True(preview.DryRun);
        Assert.Equal(["Kernel Methods and Deep Learning"], preview.Diff.TopicsAdded);
        Assert.Equal(1, preview.CatalogVersion);
    }

    [Fact]
    public async Task AnApplyThatFindsTheWriteLockTakenSaysAnotherImportIsRunning()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(new SeedFile(Seeds.Name, Seeds.Original));
        catalog.Settings.ImportLockWait = TimeSpan.FromMilliseconds(50);
        await using (var running = await HoldWriteLockAsync(catalog.DatabasePath))
        {
            var error = await Assert.ThrowsAsync<ImportBusyException>(() => catalog.ImportAsync(new SeedFile(Seeds.Name, Seeds.Changed)));

            Assert.Equal($"{Seeds.Name}: another import is running; nothing was changed. Try again when it has finished.", error.Message);
        }

        var applied = await catalog.ImportAsync(new SeedFile(Seeds.Name, Seeds.Changed));
        Assert.Equal(["Kernel Methods and Deep Learning"], applied.Diff.TopicsAdded);
    }

    [Fact]
    public async Task WhileOneImportWritesASecondPreviewsAndAThirdIsToldToWaitItsTurn()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        await catalog.ImportAsync(new SeedFile(Seeds.Name, Seeds.Original));
        catalog.Settings.ImportLockWait = TimeSpan.FromMilliseconds(50);

        // The first import takes the write lock, reads the catalog, then waits for its parse, which the test holds back.
        var parse = new TaskCompletionSource<ParsedCatalog>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new SeedFile(Seeds.Name, Seeds.Changed);
        var first = catalog.ImportAsync(new ImportRequest(changed, User: "first") { Parsing = parse.Task });
        await WaitUntilLockedAsync(catalog.DatabasePath);

        var preview = await catalog.ImportAsync(changed, dryRun: true);
        await Assert.ThrowsAsync<ImportBusyException>(() => catalog.ImportAsync(changed));
        parse.SetResult(SeedParser.Parse(System.Text.Encoding.UTF8.GetString(Seeds.Changed), Seeds.Name));
        var applied = await first;

        Assert.Equal(["Kernel Methods and Deep Learning"], preview.Diff.TopicsAdded);
        Assert.Equal(1, preview.CatalogVersion);
        Assert.Equal(["Kernel Methods and Deep Learning"], applied.Diff.TopicsAdded);
        Assert.Equal(2, CatalogFile.Scalar(catalog.DatabasePath, "SELECT Version FROM CatalogState"));
    }

    [Fact]
    public async Task TheAdminPagesPreviewDuringAnotherImportKeepThePreviewOnceItCommitsAndAnswer409ToAnApplyThatCannotWait()
    {
        await using var factory = new AdminFactory();
        factory.With["Catalog:ImportLockWait"] = "00:00:00.050";
        var browser = await factory.SignedInBrowserAsync();
        Task<HttpResponseMessage> previewing;
        await using (var running = await HoldWriteLockAsync(factory.DatabasePath))
        {
            // The dry run reads a snapshot beside the import; keeping the preview is one row insert, which waits for it.
            previewing = ImportPageTests.PreviewUploadAsync(browser, Seeds.Name, Seeds.Changed);
            await Task.Delay(300, TestContext.Current.CancellationToken);
            Assert.False(previewing.IsCompleted);
        }

        var preview = await previewing;
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var apply = (await preview.ReadPageAsync()).Form("form#apply");
        await using var next = await HoldWriteLockAsync(factory.DatabasePath);
        var applied = await browser.SubmitAsync(apply, "/admin/import");

        Assert.Equal(HttpStatusCode.Conflict, applied.StatusCode);
        Assert.Equal(
            $"{Seeds.Name}: another import is running; nothing was changed. Try again when it has finished.",
            (await applied.ReadPageAsync()).QuerySelector("#import-error")?.TextContent.Trim());
    }

    [Fact]
    public async Task TheCliPreviewsDuringAnotherImportAndAnImportThatCannotWaitExitsWith3AndOneLine()
    {
        var folder = Directory.CreateTempSubdirectory("catalog-lock-");
        try
        {
            var database = Path.Combine(folder.FullName, "catalog.db");
            Assert.Equal(0, (await CatalogProcess.RunAsync(database, "import", Seeds.OriginalPath)).ExitCode);
            var wait = new Dictionary<string, string> { ["Catalog__ImportLockWait"] = "00:00:00.100" };
            await using (var running = await HoldWriteLockAsync(database))
            {
                var dryRun = await CatalogProcess.RunAsync(database, wait, "import", Seeds.ChangedPath, "--dry-run");
                var apply = await CatalogProcess.RunAsync(database, wait, "import", Seeds.ChangedPath);

                Assert.Equal(0, dryRun.ExitCode);
                Assert.StartsWith("Dry run (nothing written)", dryRun.Stdout);
                Assert.Equal(3, apply.ExitCode);
                Assert.Equal("", apply.Stdout);
                Assert.Equal($"{Seeds.Name}: another import is running; nothing was changed. Try again when it has finished.", apply.Stderr.Trim());
            }

            Assert.Equal(1, CatalogFile.Scalar(database, "SELECT Version FROM CatalogState"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    // Polls (bounded) until another connection holds the write lock: a probe's BEGIN IMMEDIATE finds it busy.
    private static async Task WaitUntilLockedAsync(string databasePath)
    {
        await using var probe = new SqliteConnection($"Data Source={databasePath};Pooling=False;Default Timeout=1");
        await probe.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = probe.CreateCommand();
        for (var attempt = 0; attempt < 500; attempt++)
        {
            try
            {
                command.CommandText = "BEGIN IMMEDIATE";
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 5)
            {
                return;
            }

            command.CommandText = "ROLLBACK";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The first import never took the write lock.");
    }

    // BEGIN IMMEDIATE and a write, uncommitted: what an import holds while it writes.
    private static async Task<SqliteConnection> HoldWriteLockAsync(string databasePath)
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE; UPDATE CatalogState SET Version = Version + 100;";
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
