using System.Data.Common;
using Catalog.Web.Import;

namespace Catalog.Web.Search;

/// <summary>
/// Fills the FTS5 table <c>search_index</c> from the catalog tables. It runs inside the import's transaction, so a
/// reader sees the index of the catalog it reads. One document per link (however many topics list it), quote and topic.
/// </summary>
public static class SearchIndex
{
    public const string LinkDocument = "link";
    public const string QuoteDocument = "quote";
    public const string TopicDocument = "topic";

    public static async Task RebuildAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await Execute(connection, transaction, "DELETE FROM search_index", ct);

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO search_index (title, body, urlwords, doc_type, doc_id) VALUES ($title, $body, $urlwords, $type, $id)";
        var title = Parameter(insert, "$title");
        var body = Parameter(insert, "$body");
        var urlWords = Parameter(insert, "$urlwords");
        var type = Parameter(insert, "$type");
        var id = Parameter(insert, "$id");

        async Task Add(string docType, long docId, string docTitle, string docBody, string docUrlWords)
        {
            type.Value = docType;
            id.Value = docId;
            title.Value = SearchText.Segment(docTitle);
            body.Value = SearchText.Segment(docBody);
            urlWords.Value = docUrlWords;
            await insert.ExecuteNonQueryAsync(ct);
        }

        // Links: every label and context of every mention, and the titles of the topics that list them.
        long current = -1;
        var url = "";
        var labels = new List<string>();
        var context = new List<string>();
        await ForEachRow(connection, transaction, """
            SELECT l.Id, l.Url, m.Label, m.Context, t.Title
            FROM Links l JOIN Mentions m ON m.LinkId = l.Id JOIN Topics t ON t.Id = m.TopicId
            ORDER BY l.Id, m.Id
            """, async row =>
        {
            var linkId = row.GetInt64(0);
            if (linkId != current && current >= 0)
            {
                await Add(LinkDocument, current, Join(labels), Join(context), SearchText.UrlWords(url));
                labels.Clear();
                context.Clear();
            }

            current = linkId;
            url = row.GetString(1);
            labels.Add(row.GetString(2));
            context.Add(row.IsDBNull(3) ? "" : row.GetString(3));
            context.Add(row.GetString(4));
        }, ct);
        if (current >= 0)
        {
            await Add(LinkDocument, current, Join(labels), Join(context), SearchText.UrlWords(url));
        }

        await ForEachRow(connection, transaction, "SELECT Id, Text, Url FROM Quotes", row =>
            Add(QuoteDocument, row.GetInt64(0), "", row.GetString(1), SearchText.UrlWords(row.GetString(2))), ct);

        await ForEachRow(connection, transaction, "SELECT Id, Title, IntroMarkdown FROM Topics", row =>
            Add(TopicDocument, row.GetInt64(0), row.GetString(1), InlineText.Fold(row.GetString(2)), ""), ct);
    }

    // Distinct values only: a link listed with the same label in five topics should not score five times.
    private static string Join(List<string> values) =>
        string.Join(" \u2022 ", values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

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
}
