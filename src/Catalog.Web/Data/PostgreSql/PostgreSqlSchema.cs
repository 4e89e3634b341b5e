using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>The catalog's schema on PostgreSQL: EF's migrations (Data/PostgreSql/Migrations), applied when one is missing.</summary>
public static class PostgreSqlSchema
{
    /// <summary>The ids of the PostgreSQL migrations in this assembly.</summary>
    public static IReadOnlySet<string> MigrationIds { get; } = CatalogSchema.MigrationIdsOf(typeof(PostgreSqlCatalogDbContext));

    /// <summary>True when the database has every migration applied: one query, no EF.</summary>
    /// <param name="connection">An open connection.</param>
    public static async Task<bool> IsCurrentAsync(DbConnection connection, CancellationToken ct)
    {
        try
        {
            return MigrationIds.IsSubsetOf(await connection.ListAsync("""SELECT "MigrationId" FROM "__EFMigrationsHistory" """, row => row.GetString(0), ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A new database: asking first whether the table exists would cost every other start a second query.
            return false;
        }
    }

    /// <summary>
    /// Applies the missing migrations. EF's migrator takes a PostgreSQL lock first, so instances started together
    /// migrate one after the other and the later ones find nothing to do.
    /// </summary>
    public static async Task MigrateAsync(CatalogDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (await IsCurrentAsync(db.Database.GetDbConnection(), ct))
            {
                return;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(ct);
    }
}
