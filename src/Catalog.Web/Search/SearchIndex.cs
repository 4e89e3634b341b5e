using System.Data.Common;
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

        await using (var writer = new DocumentWriter(connection, transaction))
        {
            await AddLinksAsync(connection, transaction, writer, ct);
            await AddTopicsAsync(connection, transaction, writer, ct);
        }

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

    private static async Task AddLinksAsync(DbConnection connection, DbTransaction transaction, DocumentWriter writer, CancellationToken ct)
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
            return Task.CompletedTask;
        }, ct);

        var document = new LinkDocument();
        await ForEachRow(connection, transaction, """
            SELECT l.Id, l.Url, m.Label, m.Context, m.Place
            FROM Links l JOIN Mentions m ON m.LinkId = l.Id
            ORDER BY l.Id, m.Id
            """, async row =>
        {
            var linkId = row.GetInt64(0);
            if (linkId != document.Id)
            {
                await document.WriteAsync(writer, quotes, ct);
                document = new LinkDocument { Id = linkId, Url = row.GetString(1) };
            }

            // A quote's mention label is the quote cut short: the whole quote goes to the quote column instead.
            if (row.GetString(4) != nameof(LinkPlace.Quote))
            {
                document.Labels.Add(row.GetString(2));
            }

            document.Contexts.Add(row.IsDBNull(3) ? "" : row.GetString(3));
        }, ct);
        await document.WriteAsync(writer, quotes, ct);
    }

    private static Task AddTopicsAsync(DbConnection connection, DbTransaction transaction, DocumentWriter writer, CancellationToken ct) =>
        ForEachRow(connection, transaction, "SELECT Id, Title, IntroMarkdown FROM Topics", row =>
        {
            var intro = InlineText.Fold(Markdown.ToPlainText(row.GetString(2), CatalogMarkdown.Pipeline));
            return writer.AddAsync(-row.GetInt64(0), new Document(row.GetString(1), "", intro, ""), ct);
        }, ct);

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ForEachRow(DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, Task> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            await row(reader);
        }
    }

    /// <summary>The text of one search document, column by column (see the SearchByResult migration).</summary>
    private sealed record Document(string Title, string Quote, string Body, string UrlWords);

    /// <summary>A link's mentions gathered while reading them in link order.</summary>
    private sealed class LinkDocument
    {
        public long Id { get; init; } = -1;

        public string Url { get; init; } = "";

        public List<string> Labels { get; } = [];

        public List<string> Contexts { get; } = [];

        public Task WriteAsync(DocumentWriter writer, Dictionary<long, List<string>> quotes, CancellationToken ct) =>
            Id < 0
                ? Task.CompletedTask
                : writer.AddAsync(Id, new Document(Join(Labels), Join(quotes.GetValueOrDefault(Id) ?? []), Join(Contexts), SearchText.UrlWords(Url)), ct);

        // Distinct values only: a link listed with the same label in five topics should not score five times.
        private static string Join(List<string> values) =>
            string.Join(" \u2022 ", values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));
    }

    /// <summary>Two prepared inserts: the stemmed index with its stored text, and the unstemmed vocabulary.</summary>
    private sealed class DocumentWriter : IAsyncDisposable
    {
        private readonly DbCommand _index;
        private readonly DbCommand _words;

        public DocumentWriter(DbConnection connection, DbTransaction transaction)
        {
            _index = connection.CreateCommand();
            _index.Transaction = transaction;
            _index.CommandText = """
                INSERT INTO search_index (rowid, title, quote, body, urlwords)
                VALUES ($rowid, $title, $quote, $body, $urlwords)
                """;
            _words = connection.CreateCommand();
            _words.Transaction = transaction;
            _words.CommandText = "INSERT INTO search_words (rowid, words) VALUES ($rowid, $words)";
            foreach (var name in new[] { "$rowid", "$title", "$quote", "$body", "$urlwords" })
            {
                Parameter(_index, name);
            }

            Parameter(_words, "$rowid");
            Parameter(_words, "$words");
        }

        public async Task AddAsync(long rowid, Document document, CancellationToken ct)
        {
            string[] columns = [document.Title, document.Quote, document.Body, document.UrlWords];
            _index.Parameters[0].Value = rowid;
            for (var i = 0; i < columns.Length; i++)
            {
                _index.Parameters[i + 1].Value = SearchText.Segment(SearchText.WithoutMarkers(columns[i]));
            }

            await _index.ExecuteNonQueryAsync(ct);
            _words.Parameters[0].Value = rowid;
            _words.Parameters[1].Value = string.Join('\n', _index.Parameters.Cast<DbParameter>().Skip(1).Select(p => (string)p.Value!));
            await _words.ExecuteNonQueryAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            await _index.DisposeAsync();
            await _words.DisposeAsync();
        }

        private static void Parameter(DbCommand command, string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
    }
}
