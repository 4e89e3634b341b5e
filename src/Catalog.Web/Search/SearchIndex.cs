using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data;

namespace Catalog.Web.Search;

/// <summary>
/// Fills the search index (<see cref="ISearchDialect"/>: FTS5 on SQLite, tsvector on PostgreSQL). It runs inside the
/// import's transaction, so a reader sees the index of the catalog it reads. One document per search result
/// (<see cref="SearchDocuments"/>): a link (rowid = link id, however many topics list it, with the quotes it is the
/// source of) or a topic (rowid = -topic id).
/// </summary>
public static class SearchIndex
{
    /// <summary>Rebuilds the index from the catalog tables as they are.</summary>
    public static async Task RebuildAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var documents = await SearchDocuments.ReadAsync(transaction, exceptSourceId: null, ct);
        var linkIds = await transaction.IdsAsync("""SELECT "Url", "Id" FROM "Links" """, ct);
        await WriteAsync(connection, transaction, documents.Prepare(), linkIds, ct);
    }

    /// <summary>Replaces the index with these documents, whose topics and links must be in the tables already.</summary>
    /// <param name="linkIds">Url to id of (at least) every link a document is about.</param>
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PreparedDocument> documents, IReadOnlyDictionary<string, long> linkIds, CancellationToken ct)
    {
        // In rowid order: FTS5 flushes its pending terms to a new segment whenever a rowid is lower than the last
        // one, so topics (negative rowids) in id order would cost a segment each.
        var topicIds = await transaction.IdsAsync("""SELECT "Slug", "Id" FROM "Topics" """, ct);
        var ordered = documents.Select(d => (RowId: d.Key.IsTopic ? -topicIds[d.Key.Value] : linkIds[d.Key.Value], Document: d)).OrderBy(d => d.RowId);
        await ISearchDialect.Of(connection).ReplaceAllAsync(transaction, ordered, ct);
    }

    /// <summary>
    /// Replaces the documents of these links alone (a metadata run changed their fetched text), in the caller's
    /// transaction: the rest of the index is left as it is.
    /// </summary>
    public static async Task UpdateLinksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> urls, CancellationToken ct)
    {
        var search = ISearchDialect.Of(connection);
        var linkIds = (await transaction.ListAsync($"""SELECT "Url", "Id" FROM "Links" WHERE {search.InTexts("\"Url\"", "@urls")}""",
            r => (Url: r.GetString(0), Id: r.GetInt64(1)), ct, ("@urls", JsonSerializer.Serialize(urls)))).ToDictionary(r => r.Url, r => r.Id, StringComparer.Ordinal);
        if (linkIds.Count == 0)
        {
            return;
        }

        var documents = (await SearchDocuments.ReadLinksAsync(transaction, linkIds.Keys, ct)).Prepare();
        await search.ReplaceLinksAsync(transaction, linkIds.Values, documents.Select(d => (RowId: linkIds[d.Key.Value], Document: d)).OrderBy(d => d.RowId), ct);
    }

    /// <summary>True when the catalog has links or topics but the index has no documents (e.g. right after a migration).</summary>
    public static Task<bool> IsStaleAsync(DbConnection connection, CancellationToken ct) => ISearchDialect.Of(connection).IsStaleAsync(connection, ct);
}
