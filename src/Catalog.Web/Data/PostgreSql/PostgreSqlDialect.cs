using System.Data;
using System.Data.Common;
using Npgsql;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>PostgreSQL's side of <see cref="IDatabaseDialect"/>.</summary>
public sealed class PostgreSqlDialect : IDatabaseDialect
{
    /// <summary>The advisory lock every import takes (any constant the app uses for nothing else).</summary>
    public const long ImportLock = 0x436174616C6F67; // "Catalog"

    public static PostgreSqlDialect Instance { get; } = new();

    public async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // A dry run reads one snapshot and can write nothing. An apply takes a transaction-scoped advisory lock first:
    // rows are not what imports collide on (each rewrites a whole source), so a row lock would not keep two of them
    // apart; it is released by the commit or the rollback, also when the process dies.
    public async Task<DbTransaction> BeginImportAsync(DbConnection connection, bool dryRun, TimeSpan lockWait, CancellationToken ct)
    {
        if (dryRun)
        {
            var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await snapshot.ExecuteAsync("SET TRANSACTION READ ONLY", ct);
            return snapshot;
        }

        var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            await transaction.ExecuteAsync($"SET LOCAL lock_timeout = {Math.Max(1, (long)lockWait.TotalMilliseconds)}", ct);
            await transaction.ExecuteAsync($"SELECT pg_advisory_xact_lock({ImportLock})", ct);
            await transaction.ExecuteAsync("SET LOCAL lock_timeout = 0", ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public bool IsImportBusy(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };

    public IBulkRows BulkInsert(DbConnection connection, DbTransaction transaction, string table, params string[] columns) =>
        new CopyRows((NpgsqlConnection)connection, table, columns);

    public string TextFromUtf8(string parameter) => $"convert_from({parameter}, 'UTF8')";
}
