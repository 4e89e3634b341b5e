using System.Data.Common;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Markdig;

namespace Catalog.Web.Search;

/// <summary>
/// Fills the FTS5 tables <c>search_index</c> and <c>search_words</c> from the catalog tables. It runs inside the
/// import's transaction, so a reader sees the index of the catalog it reads. One document per search result: a link
/// (rowid = link id, however many topics list it, with the quotes it is the source of) or a topic (rowid = -topic id).
/// </summary>
public static class SearchIndex
{
    public static async Task RebuildAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await Execute(connection, transaction, "DELETE FROM search_index", ct);
        await Execute(connection, transaction, "INSERT INTO search_words (search_words) VALUES ('delete-all')", ct);

        // In rowid order: FTS5 flushes its pending terms to a new segment whenever a rowid is lower than the last one,
        // and topics (negative rowids) read by id would do that once per topic.
        var documents = await ReadTopicsAsync(connection, transaction, ct);
        documents.AddRange(await ReadLinksAsync(connection, transaction, ct));

        // Preparing the text (CJK segmentation, URL words, plain text of intros) runs on the other cores while this
        // thread hands finished documents to SQLite in order.
        await using (var rows = new JsonRows(connection, transaction, """
            INSERT INTO search_index (rowid, title, quote, body, urlwords)
            SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each($rows)
            """))
        {
            var prepared = documents.AsParallel().AsOrdered().WithCancellation(ct).Select(d => d.Prepare()).ToList();
            foreach (var document in prepared)
            {
                rows.Row().Value(document.RowId).Value(document.Title).Value(document.Quote).Value(document.Body).Value(document.UrlWords);
                await rows.FlushIfFullAsync(ct);
            }

            await rows.FlushAsync(ct);
        }

        // The same text unstemmed, for the vocabulary: read back from the index's own copy.
        await Execute(connection, transaction, """
            INSERT INTO search_words (rowid, words)
            SELECT rowid, title || char(10) || quote || char(10) || body || char(10) || urlwords FROM search_index
            """, ct);

        // One b-tree per index instead of the many segments a bulk insert leaves: fewer pages per term lookup.
        await Execute(connection, transaction, "INSERT INTO search_index (search_index) VALUES ('optimize')", ct);
        await Execute(connection, transaction, "INSERT INTO search_words (search_words) VALUES ('optimize')", ct);
    }

    /// <summary>True when the catalog has links or topics but the index has no documents (e.g. right after a migration).</summary>
    public static async Task<bool> IsStaleAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT EXISTS (SELECT 1 FROM Topics) AND NOT EXISTS (SELECT 1 FROM search_index WHERE rowid < 0)
            """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    // One document per link, with every mention's label and context (in all sources) and the quotes it is the source of.
    private static async Task<List<RawDocument>> ReadLinksAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var quotes = new Dictionary<long, List<string>>();
        await ForEachRow(connection, transaction, "SELECT l.Id, q.Text FROM Quotes q JOIN Links l ON l.Url = q.Url ORDER BY q.Id", row =>
        {
            var linkId = row.GetInt64(0);
            if (!quotes.TryGetValue(linkId, out var texts))
            {
                quotes[linkId] = texts = [];
            }

            texts.Add(row.GetString(1));
        }, ct);

        var documents = new List<RawDocument>();
        RawDocument? document = null;
        await ForEachRow(connection, transaction, """
            SELECT l.Id, l.Url, m.Label, m.Context, m.Place
            FROM Links l JOIN Mentions m ON m.LinkId = l.Id
            ORDER BY l.Id, m.Id
            """, row =>
        {
            var linkId = row.GetInt64(0);
            if (document?.RowId != linkId)
            {
                document = new RawDocument(linkId, row.GetString(1), quotes.GetValueOrDefault(linkId) ?? []);
                documents.Add(document);
            }

            // A quote's mention label is the quote cut short: the whole quote goes to the quote column instead.
            if (row.GetString(4) != nameof(LinkPlace.Quote))
            {
                document.Labels.Add(row.GetString(2));
            }

            document.Contexts.Add(row.IsDBNull(3) ? "" : row.GetString(3));
        }, ct);
        return documents;
    }

    // One document per topic (rowid = -topic id): its title, and its intro as plain text.
    private static async Task<List<RawDocument>> ReadTopicsAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var documents = new List<RawDocument>();
        await ForEachRow(connection, transaction, "SELECT Id, Title, IntroMarkdown FROM Topics ORDER BY Id DESC", row =>
            documents.Add(new RawDocument(-row.GetInt64(0), row.GetString(1), row.GetString(2))), ct);
        return documents;
    }

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ForEachRow(DbConnection connection, DbTransaction transaction, string sql, Action<DbDataReader> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader);
        }
    }

    /// <summary>The text of one search document, column by column (see the SearchByResult migration), ready to index.</summary>
    private sealed record Document(long RowId, string Title, string Quote, string Body, string UrlWords);

    /// <summary>A document as read from the catalog: a link with its mentions gathered in link order, or a topic.</summary>
    private sealed class RawDocument
    {
        private readonly string? _url;
        private readonly List<string> _quotes = [];
        private readonly string? _introMarkdown;

        public RawDocument(long linkId, string url, List<string> quotes)
        {
            RowId = linkId;
            _url = url;
            _quotes = quotes;
        }

        public RawDocument(long negativeTopicId, string title, string introMarkdown)
        {
            RowId = negativeTopicId;
            Labels.Add(title);
            _introMarkdown = introMarkdown;
        }

        public long RowId { get; }

        public List<string> Labels { get; } = [];

        public List<string> Contexts { get; } = [];

        public Document Prepare() => _introMarkdown is not null
            ? Indexed(RowId, Labels[0], "", InlineText.Fold(Markdown.ToPlainText(_introMarkdown, CatalogMarkdown.Pipeline)), "")
            : Indexed(RowId, Join(Labels), Join(_quotes), Join(Contexts), SearchText.UrlWords(_url!));

        private static Document Indexed(long rowId, string title, string quote, string body, string urlWords) =>
            new(rowId, Column(title), Column(quote), Column(body), Column(urlWords));

        private static string Column(string text) => SearchText.Segment(SearchText.WithoutMarkers(text));

        // Distinct values only: a link listed with the same label in five topics should not score five times.
        private static string Join(List<string> values) =>
            string.Join(" \u2022 ", values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));
    }
}
