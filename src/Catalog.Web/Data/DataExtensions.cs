using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data.PostgreSql;
using Catalog.Web.Data.Sqlite;
using Catalog.Web.Operations;
using Catalog.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

public static class DataExtensions
{
    /// <summary>
    /// The catalog's database: <c>Catalog:Database</c> picks the provider (<see cref="CatalogDatabaseSettings"/>),
    /// <c>ConnectionStrings:Catalog</c> says where it is (for SQLite a file, resolved against the content root).
    /// </summary>
    public static IServiceCollection AddCatalogData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = CatalogDatabaseSettings.Read(configuration, environment.ContentRootPath);
        services.AddSingleton(settings);
        services.AddSingleton(new CatalogDatabase(settings));
        return settings.Provider switch
        {
            DatabaseProvider.PostgreSql => services.AddPostgreSqlCatalog(settings.ConnectionString),
            _ => services.AddSqliteCatalog(settings.ConnectionString),
        };
    }

    /// <summary>
    /// Brings the schema up to date. A current schema (every start after the first) is found so by one query: the
    /// migrator would build every migration's model and take EF's migration lock to find nothing to do. SQLite files
    /// are switched to WAL, so readers never wait for an import.
    /// </summary>
    public static async Task MigrateCatalogAsync(this CatalogDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            await PostgreSqlSchema.MigrateAsync(db, ct);
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (!await CatalogSchema.IsCurrentAsync(connection, ct) && !await CatalogSchema.TryCreateAsync(connection, ct))
            {
                // EF's SQLite migrations turn foreign keys off around a table rebuild: the handle's settings are set
                // again on its next open, whatever a failed migration left.
                SqlitePragmas.Forget(connection);
                await db.Database.MigrateAsync(ct);
            }

            await CatalogSchema.UseWalAsync(connection, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The context's own connection, opened, for plain SQL (<see cref="Sql"/>) beside or instead of LINQ: in a request it
    /// is the read snapshot's (begun here, for an endpoint that lets it wait for its first query); EF Core closes it
    /// when the context is disposed.
    /// </summary>
    public static async Task<DbConnection> OpenConnectionAsync(this CatalogDbContext db, CancellationToken ct)
    {
        if (db.SnapshotAtFirstQuery)
        {
            db.SnapshotAtFirstQuery = false;
            await ReadSnapshots.BeginAsync(db, ct);
        }
        else
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        return db.Database.GetDbConnection();
    }

    /// <summary>
    /// The rows of <paramref name="table"/> for these URLs, in one plain query on the context's connection, keyed by URL:
    /// <paramref name="row"/> reads the <paramref name="columns"/> from ordinal 1 (the URL is 0). For answers that attach
    /// a little of each link's data to a page of links, where EF Core's query pipeline cost more than the query.
    /// </summary>
    public static async Task<Dictionary<string, T>> RowsByUrlAsync<T>(
        this CatalogDbContext db, string table, string columns, IEnumerable<string> urls, Func<DbDataReader, T> row, CancellationToken ct, string condition = "TRUE")
    {
        var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.ListAsync($"""
            SELECT "Url", {columns} FROM "{table}" WHERE {condition} AND {ISearchDialect.Of(connection).InTexts("\"Url\"", "@urls")}
            """,
            r => (Url: r.GetString(0), Row: row(r)), ct, ("@urls", JsonSerializer.Serialize(urls.Distinct(StringComparer.Ordinal).ToArray())));
        return rows.ToDictionary(r => r.Url, r => r.Row, StringComparer.Ordinal);
    }

    /// <summary>The SQLite file behind a context.</summary>
    public static string DatabasePath(this CatalogDbContext db) => SqliteFile.PathOf(db.Database.GetConnectionString()!);
}
