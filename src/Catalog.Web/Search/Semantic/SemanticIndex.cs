using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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

    private readonly ScanBatches _batches = new();

    /// <summary>
    /// Every document's similarity to <paramref name="query"/>, for <see cref="Scores.Nearest"/> (links and topics from
    /// the one scan). Searches that ask while another scan runs share its steps over the rows (<see cref="ScanBatches"/>).
    /// </summary>
    public Task<Scores> ScoreAsync(float[] query, float minSimilarity = 0) => _batches.ScoreAsync(_current, query, minSimilarity);

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
        var (from, to) = snapshot.RowsOf(topics);
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
    private static (long, float)[] Best(Snapshot snapshot, ReadOnlySpan<float> similarities, int from, int to, int limit, long except, float minSimilarity)
    {
        var best = new PriorityQueue<int, float>(limit + 1);
        var rowIds = snapshot.RowIds;

        // Below the kept worst (or the minimum until the queue is full) a row is passed over with one comparison, and
        // once the queue is full a run of rows none of which passes is passed over eight at a time.
        var bar = minSimilarity;
        ref var first = ref MemoryMarshal.GetReference(similarities);
        for (var i = from; i < to; i++)
        {
            while (best.Count == limit && i + Vector256<float>.Count <= to
                && Vector256.LessThanOrEqualAll(Vector256.LoadUnsafe(ref first, (nuint)(i - from)), Vector256.Create(bar)))
            {
                i += Vector256<float>.Count;
            }

            if (i == to)
            {
                break;
            }

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
    /// every row, and no row is a call of its own (a fused search's scan 15% faster alone: benchmarks README). Otherwise a
    /// fixed-point query goes through the AVX2 kernel of shared scans with one query, and only a query without one
    /// (<see cref="FixedQuery.Of"/>) is scanned in floats, row by row. The same integer sums as
    /// <see cref="Dot(FixedQuery?, ReadOnlySpan{float}, ReadOnlySpan{sbyte})"/>, so the same similarities.
    /// </summary>
    internal static void Similarities(Snapshot snapshot, FixedQuery? fixedQuery, ReadOnlySpan<float> query, int from, Span<float> into)
    {
        var scales = snapshot.Scales.AsSpan(from, into.Length);
        if (fixedQuery is { Wide: true, Values.Length: RegisterDimensions })
        {
            Similarities384(fixedQuery, snapshot.Rows(from, into.Length), scales, into);
            return;
        }

        if (fixedQuery is not null)
        {
            Scan<One>(snapshot.Rows(from, into.Length), scales, [fixedQuery], into, into, into, into);
            return;
        }

        for (var k = 0; k < into.Length; k++)
        {
            into[k] = Dot(query, snapshot.Row(from + k)) * scales[k];
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
            PrefetchAhead(rows, k, RegisterDimensions);
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

    // How far ahead of a scan its rows are asked for, and in what steps (a cache line).
    private const int PrefetchRows = 16;
    private const int CacheLine = 64;

    /// <summary>
    /// Asks for the row <see cref="PrefetchRows"/> rows after row <paramref name="k"/> as non-temporal data: read into
    /// the core's caches ahead of the scan, and not kept in the shared last-level cache, where a scan's 17 MB at 200x
    /// would push out the model's weights and the postings the rest of a search reads: both the scan and the model's next
    /// run are faster for it (benchmarks README, "scans shared, rows asked for ahead").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchAhead(ReadOnlySpan<sbyte> rows, int k, int dimensions)
    {
        var at = (k + PrefetchRows) * dimensions;
        if (at + dimensions > rows.Length)
        {
            return;
        }

        fixed (sbyte* ahead = &rows[at])
        {
            for (var b = 0; b < dimensions; b += CacheLine)
            {
                Sse.PrefetchNonTemporal(ahead + b);
            }
        }
    }

    /// <summary>
    /// Every row's similarity to each of two to four fixed-point queries, in one pass over the rows: each 16 values of a
    /// row are read and widened once for all of them. A scan waits on memory more than it computes, so the second query
    /// costs a fraction of the first (benchmarks README, "scans shared, rows asked for ahead"). The same integer sums as
    /// <see cref="Dot(FixedQuery?, ReadOnlySpan{float}, ReadOnlySpan{sbyte})"/>, so the same similarities as each query
    /// scanned alone. Only the <paramref name="count"/> rows from <paramref name="from"/> on; each output holds at least
    /// as many values as the snapshot has rows, and row i's similarity goes to its place i.
    /// </summary>
    internal static void Similarities(Snapshot snapshot, FixedQuery[] queries, float[][] into, int from, int count)
    {
        if (into.Length != queries.Length)
        {
            throw new ArgumentException("An output for each query.", nameof(into));
        }

        var rows = snapshot.Rows(from, count);
        var scales = snapshot.Scales.AsSpan(from, count);
        Span<float> Into(int q) => into[Math.Min(q, into.Length - 1)].AsSpan(from, count);
        switch (queries.Length)
        {
            case 2:
                Scan<Two>(rows, scales, queries, Into(0), Into(1), Into(1), Into(1));
                break;
            case 3:
                Scan<Three>(rows, scales, queries, Into(0), Into(1), Into(2), Into(2));
                break;
            case 4:
                Scan<Four>(rows, scales, queries, Into(0), Into(1), Into(2), Into(3));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(queries), queries.Length, "Two to four queries a shared scan.");
        }
    }

    /// <summary>How many queries a <see cref="Scan{TCount}"/> computes: a constant when the kernel is compiled, so the unused ones cost nothing.</summary>
    private interface IQueryCount
    {
        static abstract int Count { get; }
    }

    private readonly struct One : IQueryCount
    {
        public static int Count => 1;
    }

    private readonly struct Two : IQueryCount
    {
        public static int Count => 2;
    }

    private readonly struct Three : IQueryCount
    {
        public static int Count => 3;
    }

    private readonly struct Four : IQueryCount
    {
        public static int Count => 4;
    }

    // AVX2, 16 values of a row at a time; the queries past TCount.Count (and their outputs) are not read.
    private static void Scan<TCount>(
        ReadOnlySpan<sbyte> rows, ReadOnlySpan<float> scales, ReadOnlySpan<FixedQuery> queries,
        Span<float> into0, Span<float> into1, Span<float> into2, Span<float> into3)
        where TCount : struct, IQueryCount
    {
        var count = TCount.Count;
        var dimensions = queries[0].Values.Length;
        if (queries.Length < count || rows.Length != scales.Length * dimensions || into0.Length != scales.Length
            || into1.Length != scales.Length || into2.Length != scales.Length || into3.Length != scales.Length)
        {
            throw new ArgumentException("A query and an output for each of the count, one scale and a row for each similarity.", nameof(queries));
        }

        ref var values = ref MemoryMarshal.GetReference(rows);
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(queries[0].Values);
        ref var w1 = ref MemoryMarshal.GetArrayDataReference(queries[Math.Min(1, count - 1)].Values);
        ref var w2 = ref MemoryMarshal.GetArrayDataReference(queries[Math.Min(2, count - 1)].Values);
        ref var w3 = ref MemoryMarshal.GetArrayDataReference(queries[count - 1].Values);
        var (scale0, scale1, scale2, scale3) = (queries[0].Scale, queries[Math.Min(1, count - 1)].Scale, queries[Math.Min(2, count - 1)].Scale, queries[count - 1].Scale);
        for (var k = 0; k < scales.Length; k++)
        {
            PrefetchAhead(rows, k, dimensions);
            var row = (nuint)k * (nuint)dimensions;
            Vector256<int> sum0 = default, sum1 = default, sum2 = default, sum3 = default;
            for (nuint i = 0; i < (nuint)dimensions; i += (nuint)Vector128<sbyte>.Count)
            {
                var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref values, row + i));
                sum0 = Avx2.Add(sum0, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref w0, i)));
                if (count > 1)
                {
                    sum1 = Avx2.Add(sum1, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref w1, i)));
                }

                if (count > 2)
                {
                    sum2 = Avx2.Add(sum2, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref w2, i)));
                }

                if (count > 3)
                {
                    sum3 = Avx2.Add(sum3, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref w3, i)));
                }
            }

            into0[k] = Vector256.Sum(sum0) * scale0 * scales[k];
            if (count > 1)
            {
                into1[k] = Vector256.Sum(sum1) * scale1 * scales[k];
            }

            if (count > 2)
            {
                into2[k] = Vector256.Sum(sum2) * scale2 * scales[k];
            }

            if (count > 3)
            {
                into3[k] = Vector256.Sum(sum3) * scale3 * scales[k];
            }
        }
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
    /// Without one the row is widened to floats in registers. The scans do not call it (their kernels take rows in
    /// runs): it is the one-row reference their similarities are held to, to the bit, in the tests.
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
    /// Every document's similarity to one query (<see cref="ScoreAsync"/>), in a pooled array given back on dispose.
    /// </summary>
    public sealed class Scores : IDisposable
    {
        private readonly Snapshot _snapshot;
        private readonly float _minSimilarity;
        private float[]? _similarities;

        internal Scores(Snapshot snapshot, float[] similarities, float minSimilarity)
        {
            _snapshot = snapshot;
            _similarities = similarities;
            _minSimilarity = minSimilarity;
        }

        /// <summary>
        /// The documents of one kind (links, or topics) closest to the query, at least the minimum similarity, as
        /// search_index rowids (links &gt; 0, topics &lt; 0), best first: what <see cref="SemanticIndex.Nearest"/> answers.
        /// </summary>
        public IReadOnlyList<(long RowId, float Similarity)> Nearest(int limit, bool topics)
        {
            var similarities = _similarities ?? throw new ObjectDisposedException(nameof(Scores));
            if (limit <= 0)
            {
                return [];
            }

            var (from, to) = _snapshot.RowsOf(topics);
            return Best(_snapshot, similarities.AsSpan(from), from, to, limit, except: 0, _minSimilarity);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _similarities, null) is { } similarities)
            {
                ArrayPool<float>.Shared.Return(similarities);
            }
        }
    }

    /// <summary>
    /// The vectors of one catalog version, in rowid order (topics, whose rowids are negative, first, then links): a
    /// document's row is found by binary search, and each kind is one range.
    /// </summary>
    internal sealed class Snapshot
    {
        public static readonly Snapshot Empty = new(0, [], ReadOnlyMemory<sbyte>.Empty, [], 0);

        private readonly ReadOnlyMemory<sbyte> _values;

        /// <param name="values">The rows, one after another (<see cref="RowMemory"/>).</param>
        public Snapshot(long version, long[] rowIds, ReadOnlyMemory<sbyte> values, float[] scales, int dimensions)
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

        /// <summary>The rows of one kind: the topics (before <see cref="FirstLink"/>) or the links (from it on).</summary>
        public (int From, int To) RowsOf(bool topics) => topics ? (0, FirstLink) : (FirstLink, Count);

        public ReadOnlySpan<sbyte> Row(int i) => _values.Span.Slice(i * Dimensions, Dimensions);

        /// <summary>The <paramref name="count"/> rows from row <paramref name="first"/> on, one after another.</summary>
        public ReadOnlySpan<sbyte> Rows(int first, int count) => _values.Span.Slice(first * Dimensions, count * Dimensions);
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
