using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Catalog.Web.Data.Sqlite;

/// <summary>SQLite's side of <see cref="IDatabaseDialect"/>.</summary>
public sealed class SqliteDialect : IDatabaseDialect
{
    public static SqliteDialect Instance { get; } = new();

    private const int SQLITE_BUSY = 5;
    private const int SQLITE_LOCKED = 6;

    /// <summary>An open connection with the pragmas every catalog connection has (<see cref="SqlitePragmas"/>).</summary>
    public async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
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

    // A dry run reads one snapshot (a deferred transaction, which in WAL mode never blocks the writer nor waits for
    // it) and writes nothing. An apply begins with BEGIN IMMEDIATE, SQLite's one write lock: no other import can slip
    // in between its reads and its writes.
    public async Task<DbTransaction> BeginImportAsync(DbConnection connection, bool dryRun, TimeSpan lockWait, CancellationToken ct)
    {
        var sqlite = (SqliteConnection)connection;
        if (dryRun)
        {
            var snapshot = sqlite.BeginTransaction(deferred: true);
            await snapshot.ScalarAsync("SELECT count(*) FROM sqlite_master", ct);
            return snapshot;
        }

        // Both SQLite's busy handler and Microsoft.Data.Sqlite's own retry loop (its command timeout) wait for the lock.
        sqlite.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(lockWait.TotalSeconds));
        SqlitePragmas.Forget(connection);
        await connection.ScalarAsync($"PRAGMA busy_timeout={(long)lockWait.TotalMilliseconds}", ct);
        return await sqlite.BeginTransactionAsync(ct);
    }

    public bool IsImportBusy(Exception e) => e is SqliteException { SqliteErrorCode: SQLITE_BUSY or SQLITE_LOCKED };

    public IBulkRows BulkInsert(DbConnection connection, DbTransaction transaction, string table, params string[] columns) =>
        JsonRows.Insert(connection, transaction, table, columns);

    // SQLite would store a blob argument as a blob.
    public string TextFromUtf8(string parameter) => $"CAST({parameter} AS TEXT)";
}
