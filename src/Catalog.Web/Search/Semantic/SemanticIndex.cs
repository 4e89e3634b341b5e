using System.Numerics;
using System.Numerics.Tensors;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// Every embedded search document of the current catalog in memory (int8 rows with a scale each), searched by brute
/// force: one dot product per document. At the 200x benchmark catalog that is ~45,000 rows of 384 bytes (17 MB), a
/// few milliseconds per query on one core; an approximate index would pay off only from some millions of documents.
/// </summary>
public sealed class SemanticIndex
{
    private volatile Snapshot _current = Snapshot.Empty;

    /// <summary>What /admin shows; set by <see cref="SemanticIndexer"/>.</summary>
    public EmbeddingProgress Progress { get; private set; } = EmbeddingProgress.Off;

    /// <summary>True when some documents can be ranked by meaning.</summary>
    public bool IsReady => _current.Count > 0;

    /// <summary>The catalog version the vectors in memory were built for.</summary>
    public long Version => _current.Version;

    internal void Publish(Snapshot snapshot) => _current = snapshot;

    internal void Report(EmbeddingProgress progress) => Progress = progress;

    /// <summary>The documents closest to <paramref name="query"/> (search_index rowids: links &gt; 0, topics &lt; 0), best first.</summary>
    public IReadOnlyList<(long RowId, float Similarity)> Nearest(ReadOnlySpan<float> query, int limit, Func<long, bool> include, float minSimilarity = 0)
    {
        var snapshot = _current;
        var scores = new float[snapshot.Count];
        for (var i = 0; i < snapshot.Count; i++)
        {
            scores[i] = Dot(query, snapshot.Row(i)) * snapshot.Scales[i];
        }

        var best = new PriorityQueue<int, float>(limit + 1);
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] < minSimilarity || !include(snapshot.RowIds[i]))
            {
                continue;
            }

            best.Enqueue(i, scores[i]);
            if (best.Count > limit)
            {
                best.Dequeue();
            }
        }

        var result = new (long, float)[best.Count];
        for (var k = result.Length - 1; k >= 0; k--)
        {
            var i = best.Dequeue();
            result[k] = (snapshot.RowIds[i], scores[i]);
        }

        return result;
    }

    /// <summary>
    /// The dot product of a query with one int8 row, the row widened to floats in registers: converting each row into
    /// a float array first (TensorPrimitives) was most of a semantic search's time at 200x.
    /// </summary>
    internal static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> row)
    {
        var sum = Vector<float>.Zero;
        var floats = Vector<float>.Count;
        var i = 0;
        for (; i <= row.Length - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
        {
            Vector.Widen(new Vector<sbyte>(row[i..]), out var low, out var high);
            Vector.Widen(low, out var first, out var second);
            Vector.Widen(high, out var third, out var fourth);
            sum += Vector.ConvertToSingle(first) * new Vector<float>(query[i..]);
            sum += Vector.ConvertToSingle(second) * new Vector<float>(query[(i + floats)..]);
            sum += Vector.ConvertToSingle(third) * new Vector<float>(query[(i + 2 * floats)..]);
            sum += Vector.ConvertToSingle(fourth) * new Vector<float>(query[(i + 3 * floats)..]);
        }

        var total = Vector.Sum(sum);
        for (; i < row.Length; i++)
        {
            total += query[i] * row[i];
        }

        return total;
    }

    /// <summary>The vector of one document, or null when it is not embedded (yet).</summary>
    public float[]? VectorOf(long rowId)
    {
        var snapshot = _current;
        if (!snapshot.Positions.TryGetValue(rowId, out var i))
        {
            return null;
        }

        var vector = new float[snapshot.Dimensions];
        TensorPrimitives.ConvertTruncating<sbyte, float>(snapshot.Row(i), vector);
        TensorPrimitives.Multiply(vector, snapshot.Scales[i], vector);
        return vector;
    }

    internal sealed class Snapshot(long version, long[] rowIds, sbyte[] values, float[] scales, int dimensions)
    {
        public static readonly Snapshot Empty = new(0, [], [], [], 0);

        public long Version => version;

        public long[] RowIds => rowIds;

        public float[] Scales => scales;

        public int Dimensions => dimensions;

        public int Count => rowIds.Length;

        public Dictionary<long, int> Positions { get; } = rowIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

        public ReadOnlySpan<sbyte> Row(int i) => values.AsSpan(i * dimensions, dimensions);
    }
}

/// <summary>
/// How far the background embedding is: <see cref="Embedded"/> of <see cref="Documents"/> have a vector;
/// <see cref="Computed"/> texts went through the model in this pass (the rest kept the vectors of their unchanged text).
/// </summary>
public sealed record EmbeddingProgress(string State, int Documents, int Embedded, long CatalogVersion, TimeSpan? LastPass, string? Error = null, int Computed = 0)
{
    public static readonly EmbeddingProgress Off = new("off", 0, 0, 0, null);
}
