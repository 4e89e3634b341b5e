using System.Buffers.Binary;
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
    private readonly record struct Document(long RowId, UInt128 Key);

    private static UInt128 KeyOf(ReadOnlySpan<byte> hash) => BinaryPrimitives.ReadUInt128LittleEndian(hash);

    private static byte[] HashOf(UInt128 key)
    {
        var hash = new byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(hash, key);
        return hash;
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
        var documents = await connection.ListAsync(Texts, r => new Document(r.GetInt64(0), KeyOf(EmbeddingText.Hash(TextOf(r)))), ct);
        var stored = (await connection.ListAsync("SELECT TextHash FROM SearchEmbeddings", r => KeyOf((byte[])r.GetValue(0)), ct)).ToHashSet();
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
                if (now is not [var text] || KeyOf(EmbeddingText.Hash(text)) != chunk[i].Key)
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
                        ("$hash", HashOf(document.Key)), ("$vector", CompactVector.Pack(vector)));
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
                ("$keys", System.Text.Json.JsonSerializer.Serialize(gone.Select(k => Convert.ToHexString(HashOf(k))))));
        }

        index.Publish(await LoadAsync(connection, documents, version, ct));
        index.Report(new EmbeddingProgress("ready", documents.Count, documents.Count, version, clock.Elapsed, Computed: computed));
        return true;
    }

    // Each vector is read straight into its place in the snapshot's arrays: a dictionary of every vector's bytes by
    // key, then the copy, doubled what a large catalog's vectors take for as long as the collector left them.
    private static async Task<SemanticIndex.Snapshot> LoadAsync(DbConnection connection, List<Document> documents, long version, CancellationToken ct)
    {
        // The first document of each key, and from each document the next one with the same text.
        var first = new Dictionary<UInt128, int>(documents.Count);
        var next = new int[documents.Count];
        for (var i = documents.Count - 1; i >= 0; i--)
        {
            next[i] = first.TryGetValue(documents[i].Key, out var later) ? later : -1;
            first[documents[i].Key] = i;
        }

        var dimensions = 0;
        sbyte[] values = [];
        var scales = new float[documents.Count];
        var found = new bool[documents.Count];
        var hash = new byte[16];
        byte[] packed = [];
        await using (var command = connection.Command("SELECT TextHash, Vector FROM SearchEmbeddings"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                reader.GetBytes(0, 0, hash, 0, hash.Length);
                if (!first.TryGetValue(KeyOf(hash), out var at))
                {
                    continue;
                }

                if (dimensions == 0)
                {
                    packed = new byte[reader.GetBytes(1, 0, null, 0, 0)];
                    dimensions = CompactVector.Dimensions(packed);
                    values = new sbyte[documents.Count * dimensions];
                }

                reader.GetBytes(1, 0, packed, 0, packed.Length);
                for (; at >= 0; at = next[at])
                {
                    scales[at] = CompactVector.Unpack(packed, values.AsSpan(at * dimensions, dimensions));
                    found[at] = true;
                }
            }
        }

        // Documents not embedded yet are left out, the others moved up in place.
        var count = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            if (found[i])
            {
                values.AsSpan(i * dimensions, dimensions).CopyTo(values.AsSpan(count * dimensions, dimensions));
                scales[count] = scales[i];
                count++;
            }
        }

        var rowIds = documents.Where((_, i) => found[i]).Select(d => d.RowId).ToArray();
        if (count < documents.Count)
        {
            Array.Resize(ref values, count * dimensions);
            Array.Resize(ref scales, count);
        }

        return new SemanticIndex.Snapshot(version, rowIds, values, scales, dimensions);
    }
}
