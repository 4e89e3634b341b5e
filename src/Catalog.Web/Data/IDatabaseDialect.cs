using System.Data.Common;

namespace Catalog.Web.Data;

/// <summary>
/// What the plain SQL below EF (the import) needs from each database beyond the SQL both accept (quoted identifiers,
/// <c>@name</c> parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>): opening a connection, the import's transaction and
/// lock, bulk rows, and the one expression that differs. Implemented in Data/Sqlite and Data/PostgreSql.
/// </summary>
public interface IDatabaseDialect
{
    Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct);

    /// <summary>
    /// A dry run's read-only snapshot, or an apply's transaction holding the import lock, so two imports never
    /// interleave; waits for another import at most <paramref name="lockWait"/>, then fails with an error
    /// <see cref="IsImportBusy"/> recognises.
    /// </summary>
    Task<DbTransaction> BeginImportAsync(DbConnection connection, bool dryRun, TimeSpan lockWait, CancellationToken ct);

    /// <summary>The error says another import holds the lock.</summary>
    bool IsImportBusy(Exception e);

    IBulkRows BulkInsert(DbConnection connection, DbTransaction transaction, string table, params string[] columns);

    /// <summary>SQL for the text whose UTF-8 bytes are in the parameter (a large JSON document bound without decoding it).</summary>
    string TextFromUtf8(string parameter);
}
