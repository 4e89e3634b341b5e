namespace Catalog.Web.Data;

/// <summary>
/// Many rows into one table inside the caller's transaction, each database's fastest way: SQLite unpacks a JSON batch
/// in one statement (<see cref="Sqlite.JsonRows"/>), PostgreSQL takes binary <c>COPY</c> (<see cref="PostgreSql.CopyRows"/>).
/// Write a row with <see cref="Row"/> and its values in column order; call <see cref="FlushIfFullAsync"/> after each
/// row and <see cref="FlushAsync"/> at the end. Several may be open at once on one connection.
/// </summary>
public interface IBulkRows : IAsyncDisposable
{
    IBulkRows Row();

    IBulkRows Value(string? value);

    IBulkRows Value(long value);

    IBulkRows Value(long? value);

    /// <summary>Sends the batch when it is full.</summary>
    Task FlushIfFullAsync(CancellationToken ct);

    /// <summary>Sends the rows written so far.</summary>
    Task FlushAsync(CancellationToken ct);
}
