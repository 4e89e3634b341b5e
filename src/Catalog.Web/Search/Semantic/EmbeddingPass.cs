using System.Data.Common;
using System.Diagnostics;
using Catalog.Web.Data;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// One pass over the search index: embed the documents whose text has no vector yet (a batch at a time, each batch
/// its own short write), forget vectors no document has any more, and load the catalog's vectors into
/// <see cref="SemanticIndex"/>. Reads the index's own copy of the text, so the vectors match what lexical search sees.
/// </summary>
public sealed class EmbeddingPass(TextEmbedder embedder, SemanticIndex index, int batch)
{
    // Only keys are kept for the whole catalog; a text is read again when its batch comes. The texts of every document
    // at once were the largest thing in the server's memory during a first pass over a large catalog.
    private sealed record Document(long RowId, byte[] Hash)
    {
        public string Key { get; } = Convert.ToHexString(Hash);
    }

    // Each document's text, and for a link its fetched metadata as the search index has it (Search/SearchDocuments.cs).
    private const string Texts = """
        SELECT s.rowid, s.title, s.quote, s.body, s.urlwords, coalesce((
            SELECT concat_ws(' - ', m.Title, (SELECT group_concat(value, ', ') FROM json_each(m.Authors)), m.Venue, m.Abstract)
            FROM Links l JOIN LinkMetadata m ON m.Url = l.Url
            WHERE l.Id = s.rowid AND m.FetchedAt IS NOT NULL), '')
        FROM search_index s
        """;

    private static string TextOf(DbDataReader r) =>
        EmbeddingText.Of(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5));

    /// <summary>Runs the pass for <paramref name="version"/>; false when <paramref name="stale"/> said a newer catalog came first.</summary>
    public async Task<bool> RunAsync(DbConnection connection, long version, Func<bool> stale, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var documents = await connection.ListAsync(Texts, r => new Document(r.GetInt64(0), EmbeddingText.Hash(TextOf(r))), ct);
        var stored = (await connection.ListAsync("SELECT TextHash FROM SearchEmbeddings", r => Convert.ToHexString((byte[])r.GetValue(0)), ct)).ToHashSet();
        var missing = documents.Where(d => !stored.Contains(d.Key)).DistinctBy(d => d.Key).ToList();
        var done = documents.Count(d => stored.Contains(d.Key));
        var documentsPerKey = documents.CountBy(d => d.Key).ToDictionary();
        var computed = 0;
        index.Report(new EmbeddingProgress("embedding", documents.Count, done, version, null));

        foreach (var chunk in missing.Chunk(batch))
        {
            if (stale())
            {
                return false;
            }

            var texts = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                var now = await connection.ListAsync(Texts + " WHERE s.rowid = $id", TextOf, ct, ("$id", chunk[i].RowId));
                if (now is not [var text] || !EmbeddingText.Hash(text).AsSpan().SequenceEqual(chunk[i].Hash))
                {
                    // The document changed since the pass began: a newer catalog, which the next pass embeds.
                    return false;
                }

                texts[i] = text;
            }

            var vectors = await Task.Run(() => embedder.Embed(texts, ct), ct);
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                foreach (var (document, vector) in chunk.Zip(vectors))
                {
                    await transaction.ExecuteAsync("INSERT OR IGNORE INTO SearchEmbeddings (TextHash, Vector) VALUES ($hash, $vector)", ct,
                        ("$hash", document.Hash), ("$vector", CompactVector.Pack(vector)));
                }

                await transaction.CommitAsync(ct);
            }

            done += chunk.Sum(c => documentsPerKey[c.Key]);
            computed += chunk.Length;
            index.Report(new EmbeddingProgress("embedding", documents.Count, done, version, null, Computed: computed));
        }

        // One statement, one pass over the table: the keys go as one JSON parameter.
        var gone = stored.Where(k => !documentsPerKey.ContainsKey(k)).ToList();
        if (gone.Count > 0)
        {
            await connection.ScalarAsync("DELETE FROM SearchEmbeddings WHERE hex(TextHash) IN (SELECT value FROM json_each($keys))", ct,
                ("$keys", System.Text.Json.JsonSerializer.Serialize(gone)));
        }

        index.Publish(await LoadAsync(connection, documents, version, ct));
        index.Report(new EmbeddingProgress("ready", documents.Count, documents.Count, version, clock.Elapsed, Computed: computed));
        return true;
    }

    private static async Task<SemanticIndex.Snapshot> LoadAsync(DbConnection connection, List<Document> documents, long version, CancellationToken ct)
    {
        var vectors = new Dictionary<string, byte[]>();
        await using (var command = connection.Command("SELECT TextHash, Vector FROM SearchEmbeddings"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                vectors[Convert.ToHexString((byte[])reader.GetValue(0))] = (byte[])reader.GetValue(1);
            }
        }

        var present = documents.Where(d => vectors.ContainsKey(d.Key)).ToList();
        var dimensions = present.Count == 0 ? 0 : CompactVector.Dimensions(vectors[present[0].Key]);
        var values = new sbyte[present.Count * dimensions];
        var scales = new float[present.Count];
        for (var i = 0; i < present.Count; i++)
        {
            scales[i] = CompactVector.Unpack(vectors[present[i].Key], values.AsSpan(i * dimensions, dimensions));
        }

        return new SemanticIndex.Snapshot(version, [.. present.Select(d => d.RowId)], values, scales, dimensions);
    }
}
