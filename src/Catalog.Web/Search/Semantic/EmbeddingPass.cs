using System.Buffers.Binary;
using System.Data.Common;
using System.Diagnostics;
using Catalog.Web.Data;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// One pass over the catalog's search documents: embed the documents whose text has no vector yet (a batch at a time,
/// each batch its own short write), forget vectors no document has any more, and load the catalog's vectors into
/// <see cref="SemanticIndex"/>. Reads the search index's own copy of the text (both databases keep it, for snippets),
/// so the vectors match what lexical search sees, and the SQL is what both databases accept. The model runs on
/// <paramref name="thread"/> when the server gives one (<see cref="LowPriorityThread"/>), else on the thread pool.
/// </summary>
public sealed class EmbeddingPass(TextEmbedder embedder, SemanticIndex index, int batch, LowPriorityThread? thread = null)
{
    // Keys are kept for the whole catalog, texts only for the documents still to embed, each dropped once its batch
    // is written: the texts of every document at once were the largest thing in the server's memory during a first
    // pass over a large catalog.
    private readonly record struct Document(long RowId, UInt128 Key);

    // Keys deleted per statement: well under either database's limit on parameters.
    private const int DeleteBatch = 500;

    private static UInt128 KeyOf(ReadOnlySpan<byte> hash) => BinaryPrimitives.ReadUInt128LittleEndian(hash);

    private static byte[] HashOf(UInt128 key)
    {
        var hash = new byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(hash, key);
        return hash;
    }

    /// <summary>Runs the pass for <paramref name="version"/>; false when <paramref name="stale"/> said a newer catalog came first.</summary>
    public async Task<bool> RunAsync(CatalogDatabase database, long version, Func<bool> stale, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var clock = Stopwatch.StartNew();
        var stored = (await connection.ListAsync("""SELECT "TextHash" FROM "SearchEmbeddings" """, r => KeyOf((byte[])r.GetValue(0)), ct)).ToHashSet();
        var (documents, texts) = await ReadAsync(connection, stored, ct);
        var missing = texts.Keys.ToList();
        var done = documents.Count(d => stored.Contains(d.Key));
        var documentsPerKey = documents.CountBy(d => d.Key).ToDictionary();
        var computed = 0;
        index.Report(new EmbeddingProgress("embedding", documents.Count, done, version, null));

        foreach (var chunk in missing.Chunk(batch))
        {
            // The texts were read from one snapshot; a newer catalog is embedded by the next pass.
            if (stale())
            {
                return false;
            }

            float[][] Embed() => embedder.Embed([.. chunk.Select(k => texts[k])], ct);
            var vectors = await (thread is null ? Task.Run(Embed, ct) : thread.RunAsync(Embed, ct));
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                foreach (var (key, vector) in chunk.Zip(vectors))
                {
                    await transaction.ExecuteAsync("""
                        INSERT INTO "SearchEmbeddings" ("TextHash", "Vector") VALUES (@hash, @vector) ON CONFLICT DO NOTHING
                        """, ct, ("@hash", HashOf(key)), ("@vector", CompactVector.Pack(vector)));
                }

                await transaction.CommitAsync(ct);
            }

            foreach (var key in chunk)
            {
                texts.Remove(key);
            }

            done += chunk.Sum(k => documentsPerKey[k]);
            computed += chunk.Length;
            index.Report(new EmbeddingProgress("embedding", documents.Count, done, version, null, Computed: computed));
        }

        await ForgetAsync(connection, [.. stored.Where(k => !documentsPerKey.ContainsKey(k))], ct);
        index.Publish(await LoadAsync(connection, documents, version, ct));
        index.Report(new EmbeddingProgress("ready", documents.Count, documents.Count, version, clock.Elapsed, Computed: computed));
        return true;
    }

    /// <summary>
    /// Every document's key (the hash of its text, <see cref="EmbeddingText"/>) in search-index rowid order, and the
    /// text of each key not <paramref name="stored"/>. One statement, so one snapshot of the index and the metadata.
    /// </summary>
    private static async Task<(List<Document> Documents, Dictionary<UInt128, string> Texts)> ReadAsync(
        DbConnection connection, HashSet<UInt128> stored, CancellationToken ct)
    {
        // The index's copy, prepared when the catalog was written (Search/SearchDocuments): a pass runs on every catalog
        // version (a link check or a metadata run makes one too), and preparing every document again would parse each
        // topic's intro and segment each column of the whole catalog, every time, for the same texts.
        await using var command = connection.Command($"""
            SELECT s.rowid, s.title, s.quote, s.body, s.urlwords, coalesce((
                SELECT {ISearchDialect.Of(connection).FetchedText}
                FROM "Links" l JOIN "LinkMetadata" m ON m."Url" = l."Url"
                WHERE l."Id" = s.rowid AND m."FetchedAt" IS NOT NULL), '')
            FROM search_index s
            ORDER BY s.rowid
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var documents = new List<Document>();
        var texts = new Dictionary<UInt128, string>();
        while (await reader.ReadAsync(ct))
        {
            var text = EmbeddingText.Of(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
            var key = KeyOf(EmbeddingText.Hash(text));
            documents.Add(new Document(reader.GetInt64(0), key));
            if (!stored.Contains(key))
            {
                texts.TryAdd(key, text);
            }
        }

        return (documents, texts);
    }

    // Vectors of texts no document has any more; the keys go as parameters, some hundreds a statement.
    private static async Task ForgetAsync(DbConnection connection, List<UInt128> gone, CancellationToken ct)
    {
        foreach (var chunk in gone.Chunk(DeleteBatch))
        {
            var keys = chunk.Select((k, i) => ($"@k{i}", (object?)HashOf(k))).ToArray();
            await connection.ScalarAsync($"""DELETE FROM "SearchEmbeddings" WHERE "TextHash" IN ({string.Join(", ", keys.Select(k => k.Item1))})""", ct, keys);
        }
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
        Memory<sbyte> values = Memory<sbyte>.Empty;
        var scales = new float[documents.Count];
        var found = new bool[documents.Count];
        var hash = new byte[16];
        byte[] packed = [];
        await using (var command = connection.Command("""SELECT "TextHash", "Vector" FROM "SearchEmbeddings" """))
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
                    values = RowMemory.Allocate(documents.Count * dimensions);
                }

                reader.GetBytes(1, 0, packed, 0, packed.Length);
                for (; at >= 0; at = next[at])
                {
                    scales[at] = CompactVector.Unpack(packed, values.Span.Slice(at * dimensions, dimensions));
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
                values.Span.Slice(i * dimensions, dimensions).CopyTo(values.Span.Slice(count * dimensions, dimensions));
                scales[count] = scales[i];
                count++;
            }
        }

        var rowIds = documents.Where((_, i) => found[i]).Select(d => d.RowId).ToArray();
        if (count < documents.Count)
        {
            var kept = RowMemory.Allocate(count * dimensions);
            values[..kept.Length].CopyTo(kept);
            values = kept;
            Array.Resize(ref scales, count);
        }

        return new SemanticIndex.Snapshot(version, rowIds, values, scales, dimensions);
    }
}
