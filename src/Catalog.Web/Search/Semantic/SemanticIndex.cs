using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// Every embedded search document of the current catalog in memory (int8 rows with a scale each), searched by brute
/// force: one dot product per document. At the 200x benchmark catalog that is ~45,000 rows of 384 bytes (17 MB), about
/// a millisecond per query on one core; an approximate index would pay off only from some millions of documents.
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

    /// <summary>
    /// The documents of one kind (links, or topics) closest to <paramref name="query"/>, as search_index rowids (links
    /// &gt; 0, topics &lt; 0), best first; <paramref name="except"/> is left out.
    /// </summary>
    public IReadOnlyList<(long RowId, float Similarity)> Nearest(ReadOnlySpan<float> query, int limit, bool topics, long except = 0, float minSimilarity = 0)
    {
        if (limit <= 0)
        {
            return [];
        }

        var snapshot = _current;
        var (from, to) = topics ? (0, snapshot.FirstLink) : (snapshot.FirstLink, snapshot.Count);
        var fixedQuery = FixedQuery.Of(query);
        var similarities = ArrayPool<float>.Shared.Rent(to - from);
        try
        {
            Similarities(snapshot, fixedQuery, query, from, similarities.AsSpan(0, to - from));
            return Best(snapshot, similarities, from, to, limit, except, minSimilarity);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(similarities);
        }
    }

    // The best rows by similarity (similarities[i - from] is row i's), as Nearest answers them.
    private static (long, float)[] Best(Snapshot snapshot, float[] similarities, int from, int to, int limit, long except, float minSimilarity)
    {
        var best = new PriorityQueue<int, float>(limit + 1);
        var rowIds = snapshot.RowIds;

        // Below the kept worst (or the minimum until the queue is full) a row is passed over with one comparison.
        var bar = minSimilarity;
        for (var i = from; i < to; i++)
        {
            var similarity = similarities[i - from];
            if (similarity < bar || similarity == bar && best.Count == limit || rowIds[i] == except)
            {
                continue;
            }

            if (best.Count < limit)
            {
                best.Enqueue(i, similarity);
            }
            else
            {
                best.DequeueEnqueue(i, similarity);
            }

            if (best.Count == limit)
            {
                // Every kept row passed the minimum, so the worst of them is the higher bar.
                best.TryPeek(out _, out bar);
            }
        }

        var result = new (long, float)[best.Count];
        for (var k = result.Length - 1; k >= 0; k--)
        {
            best.TryDequeue(out var i, out var similarity);
            result[k] = (snapshot.RowIds[i], similarity);
        }

        return result;
    }

    /// <summary>
    /// Each row's similarity to the query (its dot product with the row times the row's scale), for the rows from
    /// <paramref name="from"/> on, into <paramref name="into"/>. The model's 384 dimensions, with AVX-512, are twelve
    /// 32-value blocks: the fixed-point query is held in twelve registers for the whole scan instead of read again for
    /// every row, and no row is a call of its own (a fused search's scan 15% faster alone: benchmarks README). The same
    /// integer sums in the same order as <see cref="Dot(FixedQuery?, ReadOnlySpan{float}, ReadOnlySpan{sbyte})"/>, so the
    /// same similarities.
    /// </summary>
    internal static void Similarities(Snapshot snapshot, FixedQuery? fixedQuery, ReadOnlySpan<float> query, int from, Span<float> into)
    {
        var scales = snapshot.Scales.AsSpan(from, into.Length);
        if (fixedQuery is { Wide: true, Values.Length: RegisterDimensions })
        {
            Similarities384(fixedQuery, snapshot.Rows(from, into.Length), scales, into);
            return;
        }

        for (var k = 0; k < into.Length; k++)
        {
            into[k] = Dot(fixedQuery, query, snapshot.Row(from + k)) * scales[k];
        }
    }

    private const int RegisterDimensions = 384;

    private static void Similarities384(FixedQuery fixedQuery, ReadOnlySpan<sbyte> rows, ReadOnlySpan<float> scales, Span<float> into)
    {
        if (rows.Length != into.Length * RegisterDimensions || scales.Length != into.Length)
        {
            throw new ArgumentException("One scale and 384 values for each similarity.", nameof(rows));
        }

        ref var weights = ref MemoryMarshal.GetArrayDataReference(fixedQuery.Values);
        var (q0, q1, q2, q3) = (Vector512.LoadUnsafe(ref weights, 0), Vector512.LoadUnsafe(ref weights, 32), Vector512.LoadUnsafe(ref weights, 64), Vector512.LoadUnsafe(ref weights, 96));
        var (q4, q5, q6, q7) = (Vector512.LoadUnsafe(ref weights, 128), Vector512.LoadUnsafe(ref weights, 160), Vector512.LoadUnsafe(ref weights, 192), Vector512.LoadUnsafe(ref weights, 224));
        var (q8, q9, q10, q11) = (Vector512.LoadUnsafe(ref weights, 256), Vector512.LoadUnsafe(ref weights, 288), Vector512.LoadUnsafe(ref weights, 320), Vector512.LoadUnsafe(ref weights, 352));
        ref var values = ref MemoryMarshal.GetReference(rows);
        for (var k = 0; k < into.Length; k++)
        {
            var row = (nuint)k * RegisterDimensions;
            var sum = Avx512BW.MultiplyAddAdjacent(Widened(ref values, row), q0);
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 32), q1));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 64), q2));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 96), q3));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 128), q4));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 160), q5));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 192), q6));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 224), q7));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 256), q8));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 288), q9));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 320), q10));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(Widened(ref values, row + 352), q11));
            into[k] = Vector512.Sum(sum) * fixedQuery.Scale * scales[k];
        }

        static Vector512<short> Widened(ref sbyte values, nuint at) => Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref values, at));
    }

    /// <summary>
    /// The query in 16-bit fixed point: <see cref="Values"/> times <see cref="Scale"/> is the query to one part in
    /// 30,000, so its rankings are the float query's. A row's dot product with it is then integer multiply-adds, three
    /// times as fast as widening each int8 row to floats (benchmarks README, "The fixed-point scan").
    /// </summary>
    internal sealed record FixedQuery(short[] Values, float Scale)
    {
        /// <summary>Whether rows are taken 32 values at a time (AVX-512, whole 32-value blocks), else 16 (AVX2).</summary>
        public bool Wide { get; } = Avx512BW.IsSupported && Values.Length % Vector256<sbyte>.Count == 0;

        /// <summary>
        /// The query in fixed point, or null where the integer dot product does not apply: no AVX2, or dimensions that
        /// are not whole 16-value blocks or so many (over 512) that the 32-bit sums could overflow.
        /// </summary>
        public static FixedQuery? Of(ReadOnlySpan<float> query)
        {
            if (!Avx2.IsSupported || query.Length % Vector128<sbyte>.Count != 0 || query.Length > 512)
            {
                return null;
            }

            var max = query.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(query));
            var scale = max > 0 ? max / short.MaxValue : 1f;
            var values = new short[query.Length];
            for (var d = 0; d < values.Length; d++)
            {
                values[d] = (short)MathF.Round(query[d] / scale);
            }

            return new FixedQuery(values, scale);
        }
    }

    /// <summary>
    /// The dot product of the query with one int8 row. With a fixed-point query: each 16 values of the row widened to 16
    /// bits and multiplied-and-added pairwise with it into 32-bit sums (|sum| &lt;= 32,767 x 128 x 384, which fits for
    /// up to 512 dimensions), 32 at a time where the machine has AVX-512 (the same integer sums, so the same order).
    /// Without one the row is widened to floats in registers.
    /// </summary>
    internal static float Dot(FixedQuery? fixedQuery, ReadOnlySpan<float> query, ReadOnlySpan<sbyte> row)
    {
        if (fixedQuery is null)
        {
            return Dot(query, row);
        }

        ref var values = ref MemoryMarshal.GetReference(row);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(fixedQuery.Values);
        if (fixedQuery.Wide)
        {
            var wideSum = Vector512<int>.Zero;
            for (var i = 0; i < row.Length; i += Vector256<sbyte>.Count)
            {
                var wide = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref values, (nuint)i));
                wideSum = Avx512F.Add(wideSum, Avx512BW.MultiplyAddAdjacent(wide, Vector512.LoadUnsafe(ref weights, (nuint)i)));
            }

            return Vector512.Sum(wideSum) * fixedQuery.Scale;
        }

        var sum = Vector256<int>.Zero;
        for (var i = 0; i < row.Length; i += Vector128<sbyte>.Count)
        {
            var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref values, (nuint)i));
            sum = Avx2.Add(sum, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref weights, (nuint)i)));
        }

        return Vector256.Sum(sum) * fixedQuery.Scale;
    }

    /// <summary>The dot product of a float query with one int8 row, the row widened to floats in registers.</summary>
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
        var i = Array.BinarySearch(snapshot.RowIds, rowId);
        if (i < 0)
        {
            return null;
        }

        var vector = new float[snapshot.Dimensions];
        TensorPrimitives.ConvertTruncating<sbyte, float>(snapshot.Row(i), vector);
        TensorPrimitives.Multiply(vector, snapshot.Scales[i], vector);
        return vector;
    }

    /// <summary>
    /// The vectors of one catalog version, in rowid order (topics, whose rowids are negative, first, then links): a
    /// document's row is found by binary search, and each kind is one range.
    /// </summary>
    internal sealed class Snapshot
    {
        public static readonly Snapshot Empty = new(0, [], [], [], 0);

        private readonly sbyte[] _values;

        public Snapshot(long version, long[] rowIds, sbyte[] values, float[] scales, int dimensions)
        {
            for (var i = 1; i < rowIds.Length; i++)
            {
                if (rowIds[i - 1] >= rowIds[i])
                {
                    throw new ArgumentException("The rows of a snapshot come in ascending rowid order.", nameof(rowIds));
                }
            }

            Version = version;
            RowIds = rowIds;
            Scales = scales;
            Dimensions = dimensions;
            _values = values;
            var zero = Array.BinarySearch(rowIds, 0L);
            FirstLink = zero >= 0 ? zero : ~zero;
        }

        public long Version { get; }

        public long[] RowIds { get; }

        public float[] Scales { get; }

        public int Dimensions { get; }

        public int Count => RowIds.Length;

        /// <summary>The position of the first link: the rows before it are topics.</summary>
        public int FirstLink { get; }

        public ReadOnlySpan<sbyte> Row(int i) => _values.AsSpan(i * Dimensions, Dimensions);

        /// <summary>The <paramref name="count"/> rows from row <paramref name="first"/> on, one after another.</summary>
        public ReadOnlySpan<sbyte> Rows(int first, int count) => _values.AsSpan(first * Dimensions, count * Dimensions);
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
