using Catalog.Web.Data;
using Catalog.Web.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Data;

/// <summary>
/// The settings every catalog connection has, set once per pooled SQLite handle, and again after a change. Alone: a
/// test elsewhere that clears every pool (a factory's disposal does) between two opens here would hand the second a
/// fresh handle.
/// </summary>
[Collection(nameof(SqlitePragmasCollection))]
public sealed class SqlitePragmasTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"catalog-pragmas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task APooledHandleKeepsItsSettingsAndAnImportsLockWaitDoesNotOutliveItsConnection()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = new CatalogDatabase($"Data Source={_file}");
        await using (var first = await database.OpenAsync(ct))
        {
            Assert.Equal(10_000, await PragmaAsync(first, "busy_timeout", ct));
            Assert.Equal(1, await PragmaAsync(first, "foreign_keys", ct));

            // Changed behind the class's back: a later open of the same pooled handle does not set it again.
            await first.ScalarAsync("PRAGMA busy_timeout=7", ct);
        }

        await using (var second = await database.OpenAsync(ct))
        {
            Assert.Equal(7, await PragmaAsync(second, "busy_timeout", ct));

            // An import's lock wait changes it the way the class knows of.
            await using var import = await new SqliteDialect().BeginImportAsync(second, dryRun: false, TimeSpan.FromMilliseconds(250), ct);
            Assert.Equal(250, await PragmaAsync(second, "busy_timeout", ct));
            await import.RollbackAsync(ct);
        }

        await using var third = await database.OpenAsync(ct);
        Assert.Equal(10_000, await PragmaAsync(third, "busy_timeout", ct));
        Assert.Equal(1, await PragmaAsync(third, "foreign_keys", ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static async Task<long> PragmaAsync(System.Data.Common.DbConnection connection, string name, CancellationToken ct) =>
        await connection.ScalarAsync($"PRAGMA {name}", ct);
}

[CollectionDefinition(nameof(SqlitePragmasCollection), DisableParallelization = true)]
public sealed class SqlitePragmasCollection;
