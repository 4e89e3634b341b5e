using System.Data.Common;
using Catalog.Web.Data.PostgreSql;
using Catalog.Web.Data.Sqlite;
using Npgsql;

namespace Catalog.Web.Data;

/// <summary>
/// The catalog's database for the code that works below EF Core, the import: its statements are plain SQL, and a
/// CLI import that never starts EF saves the time EF spends on its services, model and first queries
/// (tests/Catalog.Benchmarks/README.md, "Changes made for the targets", the row on plain SQL). The SQL is what both
/// databases accept; <see cref="Dialect"/> has the rest.
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

    public IDatabaseDialect Dialect { get; } = settings.Provider == DatabaseProvider.PostgreSql ? PostgreSqlDialect.Instance : SqliteDialect.Instance;

    /// <summary>The SQLite file.</summary>
    public string Path => SqliteFile.PathOf(ConnectionString);

    /// <summary>Where the catalog is, for the log: the SQLite file, or PostgreSQL's host and database (never the password).</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return Path;
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>An open connection as every catalog connection is set up (SQLite's pragmas, <see cref="SqlitePragmas"/>).</summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct) => Dialect.OpenAsync(ConnectionString, ct);
}
