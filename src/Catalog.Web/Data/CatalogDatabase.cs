using Catalog.Web.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace Catalog.Web.Data;

/// <summary>
/// The catalog's SQLite file for the code that works below EF Core, the import: its statements are plain SQL, and a
/// CLI import that never starts EF saves the time EF spends on its services, model and first queries
/// (tests/Catalog.Benchmarks/README.md, "Changes made for the targets", the row on plain SQL).
/// </summary>
public sealed class CatalogDatabase(CatalogDatabaseSettings settings)
{
    /// <summary>A SQLite catalog (the import's tests and tools name the file).</summary>
    public CatalogDatabase(string sqliteConnectionString)
        : this(new CatalogDatabaseSettings(DatabaseProvider.Sqlite, sqliteConnectionString))
    {
    }

    public DatabaseProvider Provider => settings.Provider;

    public string ConnectionString => settings.ConnectionString;

    /// <summary>The SQLite file.</summary>
    public string Path => SqliteFile.PathOf(ConnectionString);

    /// <summary>An open connection with the pragmas every catalog connection has (<see cref="SqlitePragmas"/>).</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await SqlitePragmas.ApplyAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
