using System.Data.Common;
using Catalog.Web.Search;

namespace Catalog.Web.Data.Sqlite;

/// <summary>
/// Writes the FTS5 tables <c>search_index</c> and <c>search_words</c> (the same text unstemmed, for the vocabulary
/// <c>search_vocab</c>), in the caller's transaction.
/// </summary>
public sealed partial class SqliteSearch
{
    public async Task ReplaceAllAsync(DbTransaction transaction, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct)
    {
        await transaction.ExecuteAsync("DELETE FROM search_index", ct);
        await transaction.ExecuteAsync("INSERT INTO search_words (search_words) VALUES ('delete-all')", ct);
        await InsertAsync(transaction, ordered, ct);

        // The same text unstemmed, for the vocabulary: read back from the index's own copy.
        await transaction.ExecuteAsync($"INSERT INTO search_words (rowid, words) SELECT rowid, {WordsText} FROM search_index", ct);

        // One b-tree per index instead of the many segments a bulk insert leaves: fewer pages per term lookup.
        await transaction.ExecuteAsync("INSERT INTO search_index (search_index) VALUES ('optimize')", ct);
        await transaction.ExecuteAsync("INSERT INTO search_words (search_words) VALUES ('optimize')", ct);
    }

    // The rest of the index is left as it is, and FTS5's automatic merging keeps its segments few.
    public async Task ReplaceLinksAsync(
        DbTransaction transaction, IReadOnlyCollection<long> ids, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct)
    {
        var idList = ("@ids", (object?)System.Text.Json.JsonSerializer.Serialize(ids));

        // search_words keeps no text of its own: a row is deleted by giving FTS5 the text it was indexed with.
        await transaction.ExecuteAsync($"""
            INSERT INTO search_words (search_words, rowid, words)
            SELECT 'delete', rowid, {WordsText} FROM search_index WHERE {AmongLinks}
            """, ct, idList);
        await transaction.ExecuteAsync($"DELETE FROM search_index WHERE {AmongLinks}", ct, idList);
        await InsertAsync(transaction, ordered, ct);
        await transaction.ExecuteAsync(
            $"INSERT INTO search_words (rowid, words) SELECT rowid, {WordsText} FROM search_index WHERE {AmongLinks}", ct, idList);
    }

    public async Task<bool> IsStaleAsync(DbConnection connection, CancellationToken ct) =>
        await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM Topics) AND NOT EXISTS (SELECT 1 FROM search_index WHERE rowid < 0)", ct) == 1;

    private const string AmongLinks = "rowid IN (SELECT value FROM json_each(@ids))";

    private const string WordsText = "title || char(10) || quote || char(10) || body || char(10) || urlwords";

    private static async Task InsertAsync(DbTransaction transaction, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct)
    {
        await using var rows = SqliteDialect.Instance.BulkInsert(transaction.Connection!, transaction, "search_index", "rowid", "title", "quote", "body", "urlwords");
        foreach (var (rowId, document) in ordered)
        {
            rows.Row().Value(rowId).Value(document.Title).Value(document.Quote).Value(document.Body).Value(document.UrlWords);
            await rows.FlushIfFullAsync(ct);
        }

        await rows.FlushAsync(ct);
    }
}
