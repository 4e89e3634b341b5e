using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Catalog.Web.Data.Sqlite;

/// <summary>
/// Per-connection settings: in WAL mode synchronous=NORMAL is safe against a killed process (only power loss can lose
/// the last commit), and a busy timeout lets a reader or a second importer wait for the writer instead of failing.
/// A pooled connection keeps its SQLite handle, and the handle its settings, so they are set once per handle: three
/// statements prepared on every open were three of the dozen a search prepared. A connection that changes one of them
/// (<see cref="Forget"/>) has them set again on its next open.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    // The handles whose settings are set; a handle leaves with its last reference (a pooled connection closed for good).
    private static readonly ConditionalWeakTable<sqlite3, object> s_set = [];

    private static readonly object Set = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsSet(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);

    /// <summary>For connections EF does not open (<see cref="CatalogDatabase"/>).</summary>
    public static async Task ApplyAsync(DbConnection connection, CancellationToken ct)
    {
        if (IsSet(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(ct);
        Remember(connection);
    }

    /// <summary>The connection changed a setting (an import's lock wait): the next open of its handle sets them all again.</summary>
    public static void Forget(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            s_set.Remove(handle);
        }
    }

    private static bool IsSet(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && s_set.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            s_set.AddOrUpdate(handle, Set);
        }
    }
}
