using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Data.Sqlite;

namespace Catalog.Web.Search;

/// <summary>
/// Fills the FTS5 tables <c>search_index</c> and <c>search_words</c>. It runs inside the import's transaction, so a
/// reader sees the index of the catalog it reads. One document per search result (<see cref="SearchDocuments"/>): a
/// link (rowid = link id, however many topics list it, with the quotes it is the source of) or a topic (rowid = -topic id).
/// </summary>
public static class SearchIndex
{
    /// <summary>Rebuilds the index from the catalog tables as they are.</summary>
    public static async Task RebuildAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var documents = await SearchDocuments.ReadAsync(transaction, exceptSourceId: null, ct);
        var linkIds = await transaction.IdsAsync("SELECT Url, Id FROM Links", ct);
        await WriteAsync(connection, transaction, documents.Prepare(), linkIds, ct);
    }

    /// <summary>Replaces the index with these documents, whose topics and links must be in the tables already.</summary>
    /// <param name="linkIds">Url to id of (at least) every link a document is about.</param>
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PreparedDocument> documents, IReadOnlyDictionary<string, long> linkIds, CancellationToken ct)
    {
        await transaction.ExecuteAsync("DELETE FROM search_index", ct);
        await transaction.ExecuteAsync("INSERT INTO search_words (search_words) VALUES ('delete-all')", ct);

        // In rowid order: FTS5 flushes its pending terms to a new segment whenever a rowid is lower than the last
        // one, so topics (negative rowids) in id order would cost a segment each.
        var topicIds = await transaction.IdsAsync("SELECT Slug, Id FROM Topics", ct);
        var ordered = documents.Select(d => (RowId: d.Key.IsTopic ? -topicIds[d.Key.Value] : linkIds[d.Key.Value], Document: d)).OrderBy(d => d.RowId);
        await InsertAsync(connection, transaction, ordered, ct);

        // The same text unstemmed, for the vocabulary: read back from the index's own copy.
        await transaction.ExecuteAsync($"INSERT INTO search_words (rowid, words) SELECT rowid, {WordsText} FROM search_index", ct);

        // One b-tree per index instead of the many segments a bulk insert leaves: fewer pages per term lookup.
        await transaction.ExecuteAsync("INSERT INTO search_index (search_index) VALUES ('optimize')", ct);
        await transaction.ExecuteAsync("INSERT INTO search_words (search_words) VALUES ('optimize')", ct);
    }

    /// <summary>
    /// Replaces the documents of these links alone (a metadata run changed their fetched text), in the caller's
    /// transaction: the rest of the index is left as it is, and FTS5's automatic merging keeps its segments few.
    /// </summary>
    public static async Task UpdateLinksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> urls, CancellationToken ct)
    {
        var linkIds = (await transaction.ListAsync("SELECT Url, Id FROM Links WHERE Url IN (SELECT value FROM json_each($urls))",
            r => (Url: r.GetString(0), Id: r.GetInt64(1)), ct, ("$urls", JsonSerializer.Serialize(urls)))).ToDictionary(r => r.Url, r => r.Id, StringComparer.Ordinal);
        if (linkIds.Count == 0)
        {
            return;
        }

        var documents = (await SearchDocuments.ReadLinksAsync(transaction, linkIds.Keys, ct)).Prepare();
        var ids = ("$ids", (object?)JsonSerializer.Serialize(linkIds.Values));

        // search_words keeps no text of its own: a row is deleted by giving FTS5 the text it was indexed with.
        await transaction.ExecuteAsync($"""
            INSERT INTO search_words (search_words, rowid, words)
            SELECT 'delete', rowid, {WordsText} FROM search_index WHERE rowid IN (SELECT value FROM json_each($ids))
            """, ct, ids);
        await transaction.ExecuteAsync("DELETE FROM search_index WHERE rowid IN (SELECT value FROM json_each($ids))", ct, ids);
        await InsertAsync(connection, transaction, documents.Select(d => (RowId: linkIds[d.Key.Value], Document: d)).OrderBy(d => d.RowId), ct);
        await transaction.ExecuteAsync(
            $"INSERT INTO search_words (rowid, words) SELECT rowid, {WordsText} FROM search_index WHERE rowid IN (SELECT value FROM json_each($ids))", ct, ids);
    }

    private const string WordsText = "title || char(10) || quote || char(10) || body || char(10) || urlwords";

    private static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct)
    {
        await using var rows = new JsonRows(connection, transaction, """
            INSERT INTO search_index (rowid, title, quote, body, urlwords)
            SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(CAST($rows AS TEXT))
            """);
        foreach (var (rowId, document) in ordered)
        {
            rows.Row().Value(rowId).Value(document.Title).Value(document.Quote).Value(document.Body).Value(document.UrlWords);
            await rows.FlushIfFullAsync(ct);
        }

        await rows.FlushAsync(ct);
    }

    /// <summary>True when the catalog has links or topics but the index has no documents (e.g. right after a migration).</summary>
    public static async Task<bool> IsStaleAsync(DbConnection connection, CancellationToken ct)
    {
        return await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM Topics) AND NOT EXISTS (SELECT 1 FROM search_index WHERE rowid < 0)", ct) == 1;
    }
}
