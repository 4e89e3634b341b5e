using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Catalog.Web.Data.Sqlite;

/// <summary>
/// Per-connection settings: in WAL mode synchronous=NORMAL is safe against a killed process (only power loss can lose
/// the last commit), and a busy timeout lets a reader or a second importer wait for the writer instead of failing.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);

    /// <summary>For connections EF does not open (<see cref="CatalogDatabase"/>).</summary>
    public static async Task ApplyAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(ct);
    }
}
