using System.Data.Common;
using Catalog.Web.Data;

namespace Catalog.Web.Import;

/// <summary>
/// Replaces one source's topics, mentions, quotes and images with a parsed file's, inside the caller's transaction
/// (the search index is the caller's next step: <see cref="Search.SearchIndex"/>).
/// Links are shared between sources (one row per URL): existing rows keep their ids, so /links/{id} stays stable.
/// Plain ADO.NET commands and bulk rows (<see cref="IBulkRows"/>): an import writes tens of thousands of rows and EF change tracking would dominate.
/// </summary>
public sealed class CatalogWriter(DbConnection connection, DbTransaction transaction, IDatabaseDialect dialect)
{
    /// <param name="knownLinks">Url to id of every link in the catalog, read in this transaction.</param>
    /// <param name="classifying">
    /// <see cref="Classify"/> of the same topics, started early on another core: tens of thousands of URLs take a while.
    /// </param>
    /// <returns>Url to id of the known links and the new ones (links no topic lists any more are then deleted).</returns>
    public async Task<IReadOnlyDictionary<string, long>> ReplaceSourceAsync(
        int sourceId, IReadOnlyList<ParsedTopic> topics, IReadOnlyDictionary<string, long> knownLinks, Task<List<ClassifiedLink>> classifying, CancellationToken ct)
    {
        await transaction.ExecuteAsync($"""DELETE FROM "Mentions" WHERE "TopicId" IN (SELECT "Id" FROM "Topics" WHERE "SourceId" = {sourceId})""", ct);
        await transaction.ExecuteAsync($"""DELETE FROM "Quotes" WHERE "TopicId" IN (SELECT "Id" FROM "Topics" WHERE "SourceId" = {sourceId})""", ct);
        await transaction.ExecuteAsync($"""DELETE FROM "Images" WHERE "TopicId" IN (SELECT "Id" FROM "Topics" WHERE "SourceId" = {sourceId})""", ct);
        await transaction.ExecuteAsync($"""UPDATE "Topics" SET "ParentId" = NULL WHERE "SourceId" = {sourceId}""", ct);
        await transaction.ExecuteAsync($"""DELETE FROM "Topics" WHERE "SourceId" = {sourceId}""", ct);

        var topicIds = await InsertTopicsAsync(sourceId, topics, ct);
        var linkIds = await EnsureLinksAsync(knownLinks, classifying, ct);
        await Links.Metadata.LinkIdentity.EnsureAsync(connection, transaction, dialect, (await classifying).Select(l => l.Url), ct);
        await InsertContentAsync(topics, topicIds, linkIds, ct);
        await transaction.ExecuteAsync("""DELETE FROM "Links" WHERE NOT EXISTS (SELECT 1 FROM "Mentions" m WHERE m."LinkId" = "Links"."Id")""", ct);
        return linkIds;
    }

    private async Task<Dictionary<string, long>> InsertTopicsAsync(int sourceId, IReadOnlyList<ParsedTopic> topics, CancellationToken ct)
    {
        await using var insert = Command("""
            INSERT INTO "Topics" ("SourceId", "Slug", "Title", "Level", "ParentId", "Position", "IntroMarkdown", "IntroHtml")
            VALUES (@source, @slug, @title, @level, @parent, @position, @introMarkdown, @introHtml) RETURNING "Id"
            """, "@source", "@slug", "@title", "@level", "@parent", "@position", "@introMarkdown", "@introHtml");
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            object? parent = topic.ParentSlug is null ? null : ids[topic.ParentSlug];
            ids[topic.Slug] = Convert.ToInt64(
                await ExecuteScalarAsync(insert, ct, sourceId, topic.Slug, topic.Title, topic.Level, parent, topic.Position, topic.IntroMarkdown, topic.IntroHtml),
                System.Globalization.CultureInfo.InvariantCulture);
        }

        return ids;
    }

    /// <summary>The host and kind of every distinct URL of the topics, for the links the catalog does not have yet.</summary>
    public static List<ClassifiedLink> Classify(IReadOnlyList<ParsedTopic> topics) =>
        topics.SelectMany(t => t.Links).Select(l => l.Url).Distinct(StringComparer.Ordinal)
            .Select(url => new ClassifiedLink(url, Urls.HostOf(url), LinkKinds.Classify(url))).ToList();

    private async Task<IReadOnlyDictionary<string, long>> EnsureLinksAsync(
        IReadOnlyDictionary<string, long> known, Task<List<ClassifiedLink>> classifying, CancellationToken ct)
    {
        // Existing links keep their ids (and kinds); new ones are inserted without RETURNING (a reader per row costs
        // more than the insert), then their ids are read back in one query: AUTOINCREMENT ids are above every earlier one.
        var added = (await classifying).Where(link => !known.ContainsKey(link.Url)).ToList();
        if (added.Count == 0)
        {
            return known;
        }

        await using (var rows = dialect.BulkInsert(connection, transaction, "Links", "Url", "Host", "Kind"))
        {
            foreach (var link in added)
            {
                rows.Row().Value(link.Url).Value(link.Host).Value(link.Kind);
                await rows.FlushIfFullAsync(ct);
            }

            await rows.FlushAsync(ct);
        }

        var ids = await transaction.IdsAsync($"""SELECT "Url", "Id" FROM "Links" WHERE "Id" > {(known.Count == 0 ? 0 : known.Values.Max())}""", ct);
        foreach (var (url, id) in known)
        {
            ids[url] = id;
        }

        return ids;
    }

    private async Task InsertContentAsync(IReadOnlyList<ParsedTopic> topics, Dictionary<string, long> topicIds, IReadOnlyDictionary<string, long> linkIds, CancellationToken ct)
    {
        await using var mentions = dialect.BulkInsert(connection, transaction, "Mentions", "TopicId", "LinkId", "Label", "Context", "RawUrl", "Place", "Position");
        await using var quotes = dialect.BulkInsert(connection, transaction, "Quotes", "TopicId", "Text", "Url", "Position");
        await using var images = dialect.BulkInsert(connection, transaction, "Images", "TopicId", "Src", "Alt", "Width", "Position");
        foreach (var topic in topics)
        {
            var topicId = topicIds[topic.Slug];
            foreach (var link in topic.Links)
            {
                mentions.Row().Value(topicId).Value(linkIds[link.Url]).Value(link.Label).Value(link.Context).Value(link.RawUrl)
                    .Value(link.Place.ToString()).Value(link.Position);
                await mentions.FlushIfFullAsync(ct);
            }

            foreach (var q in topic.Quotes)
            {
                quotes.Row().Value(topicId).Value(q.Text).Value(q.Url).Value(q.Position);
            }

            foreach (var i in topic.Images)
            {
                images.Row().Value(topicId).Value(i.Src).Value(i.Alt).Value(i.Width).Value(i.Position);
            }
        }

        await mentions.FlushAsync(ct);
        await quotes.FlushAsync(ct);
        await images.FlushAsync(ct);
    }

    private DbCommand Command(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Bind(DbCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static async Task<object?> ExecuteScalarAsync(DbCommand command, CancellationToken ct, params object?[] values)
    {
        Bind(command, values);
        return await command.ExecuteScalarAsync(ct);
    }
}

public sealed record ClassifiedLink(string Url, string Host, string Kind);
