using Catalog.Web.Data;
using Catalog.Web.Data.PostgreSql;
using Catalog.Web.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Infrastructure;

/// <summary>
/// An empty catalog database of the test's own on the provider a theory row names: a SQLite file in a temporary
/// folder, or a PostgreSQL database created on <see cref="TestPostgres"/>'s server; both are deleted afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo? _folder;

    private TestDatabase(DatabaseProvider provider, string connectionString, DirectoryInfo? folder)
    {
        Settings = new CatalogDatabaseSettings(provider, connectionString);
        _folder = folder;
    }

    public CatalogDatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    public string ConnectionString => Settings.ConnectionString;

    /// <summary>The two settings that point the app at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> AppSettings =>
    [
        new(CatalogDatabaseSettings.ProviderKey, Provider.ToString()),
        new(CatalogDatabaseSettings.ConnectionStringKey, ConnectionString),
    ];

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken ct)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            return new(provider, await TestPostgres.CreateDatabaseAsync(ct), null);
        }

        var folder = Directory.CreateTempSubdirectory("catalog-db-");
        return new(provider, $"Data Source={Path.Combine(folder.FullName, "catalog.db")}", folder);
    }

    /// <summary>A context on this database, as the app configures one (without SQLite's compiled model).</summary>
    public CatalogDbContext Context() => Provider == DatabaseProvider.PostgreSql
        ? PostgreSqlData.CreateContext(ConnectionString)
        : new CatalogDbContext((DbContextOptions<CatalogDbContext>)SqliteData.Configure(new DbContextOptionsBuilder<CatalogDbContext>(), ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
            return;
        }

        SqliteConnection.ClearAllPools();
        _folder?.Delete(recursive: true);
    }
}
