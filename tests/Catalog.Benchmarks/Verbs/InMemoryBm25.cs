using Microsoft.Data.Sqlite;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// A prototype of an in-memory lexical index, to measure what one would cost and save (the bm25-memory verb): the
/// postings of the catalog's FTS5 index read back through <c>fts5vocab</c> (its own stems, so no tokenizer of our
/// own), documents numbered densely, four term counts per posting (one per column), and bm25 computed as FTS5 computes
/// it (idf floored at 1e-6, k1 1.2, b 0.75, the catalog's column weights 10, 4, 3, 1, a document's length summed over
/// its columns). Top k with a heap; ties keep the rowid order, as FTS5's sort does.
/// </summary>
public sealed class InMemoryBm25
{
    private static readonly double[] Weights = [10, 4, 3, 1];
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly long[] _rowids;
    private readonly float[] _lengths;
    private readonly double _averageLength;
    private readonly Dictionary<string, (int[] Documents, byte[] Counts)> _postings;
    private readonly double[] _scores;
    private readonly int[] _touched;

    private InMemoryBm25(long[] rowids, float[] lengths, Dictionary<string, (int[] Documents, byte[] Counts)> postings)
    {
        _rowids = rowids;
        _lengths = lengths;
        _averageLength = lengths.Average();
        _postings = postings;
        _scores = new double[rowids.Length];
        _touched = new int[rowids.Length];
    }

    public long Postings => _postings.Values.Sum(p => (long)p.Documents.Length);

    /// <summary>The postings' arrays and the per-document arrays, in bytes.</summary>
    public long Bytes => Postings * (sizeof(int) + 4) + _rowids.Length * (sizeof(long) + sizeof(float) + sizeof(double) + sizeof(int));

    public static InMemoryBm25 Read(SqliteConnection connection)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances USING fts5vocab(main, 'search_index', 'instance')";
            create.ExecuteNonQuery();
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal) { ["title"] = 0, ["quote"] = 1, ["body"] = 2, ["urlwords"] = 3 };
        var counts = new Dictionary<string, Dictionary<long, byte[]>>(StringComparer.Ordinal);
        var lengths = new Dictionary<long, int>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT term, doc, col FROM temp.search_instances";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var term = reader.GetString(0);
                var rowid = reader.GetInt64(1);
                if (!counts.TryGetValue(term, out var documents))
                {
                    counts[term] = documents = [];
                }

                if (!documents.TryGetValue(rowid, out var perColumn))
                {
                    documents[rowid] = perColumn = new byte[4];
                }

                var column = columns[reader.GetString(2)];
                perColumn[column] = (byte)Math.Min(perColumn[column] + 1, byte.MaxValue);
                lengths[rowid] = lengths.GetValueOrDefault(rowid) + 1;
            }
        }

        var rowids = lengths.Keys.Order().ToArray();
        var number = rowids.Select((rowid, i) => (rowid, i)).ToDictionary(p => p.rowid, p => p.i);
        var postings = counts.ToDictionary(
            t => t.Key,
            t => (t.Value.Keys.Select(r => number[r]).ToArray(), t.Value.Values.SelectMany(c => c).ToArray()),
            StringComparer.Ordinal);
        return new InMemoryBm25(rowids, [.. rowids.Select(r => (float)lengths[r])], postings);
    }

    /// <summary>The rowids of the best <paramref name="k"/> links (rowid &gt; 0) matching any of the terms (stems), best first.</summary>
    public List<long> TopLinks(IReadOnlyList<string> terms, int k)
    {
        var touched = 0;
        foreach (var term in terms)
        {
            if (!_postings.TryGetValue(term, out var posting))
            {
                continue;
            }

            var (documents, counts) = posting;
            var idf = Math.Max(Math.Log((_rowids.Length - documents.Length + 0.5) / (documents.Length + 0.5)), 1e-6);
            for (var i = 0; i < documents.Length; i++)
            {
                var d = documents[i];
                if (_rowids[d] <= 0)
                {
                    continue;
                }

                var f = Weights[0] * counts[4 * i] + Weights[1] * counts[4 * i + 1] + Weights[2] * counts[4 * i + 2] + Weights[3] * counts[4 * i + 3];
                if (_scores[d] == 0)
                {
                    _touched[touched++] = d;
                }

                _scores[d] += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * _lengths[d] / _averageLength));
            }
        }

        // The heap's minimum is the worst kept: the lowest score, of equal scores the later document.
        var heap = new PriorityQueue<int, (double Score, int Document)>(Comparer<(double Score, int Document)>.Create(
            (x, y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Document.CompareTo(x.Document)));
        for (var i = 0; i < touched; i++)
        {
            var d = _touched[i];
            if (heap.Count < k)
            {
                heap.Enqueue(d, (_scores[d], d));
            }
            else if (heap.Peek() is var worst && (_scores[d] > _scores[worst] || _scores[d] == _scores[worst] && d < worst))
            {
                heap.DequeueEnqueue(d, (_scores[d], d));
            }
        }

        var best = new List<long>(heap.Count);
        while (heap.Count > 0)
        {
            best.Add(_rowids[heap.Dequeue()]);
        }

        for (var i = 0; i < touched; i++)
        {
            _scores[_touched[i]] = 0;
        }

        best.Reverse();
        return best;
    }
}
