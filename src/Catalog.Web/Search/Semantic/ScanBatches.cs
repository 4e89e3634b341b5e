using System.Buffers;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// Searches that need a scan while another scan runs wait for it to end and are then scanned together, up to
/// <see cref="MaxBatch"/> in one pass over the rows (<see cref="SemanticIndex.Similarities(SemanticIndex.Snapshot, SemanticIndex.FixedQuery[], float[][])"/>).
/// Nothing waits on purpose: a search that finds no scan running scans at once, on its own thread. A waiting search
/// holds no thread; the batch that takes it runs as a work item of its own once the scan before it ends. Every answer
/// is the one its query gets alone.
/// </summary>
internal sealed class ScanBatches
{
    /// <summary>The most queries one pass computes (the kernel keeps a sum for each in a register); more wait for the next pass.</summary>
    public const int MaxBatch = 4;

    private readonly Lock _gate = new();
    private readonly Queue<Waiting> _waiting = new();
    private bool _scanning;

    /// <summary>Called with each pass's number of queries before it scans (tests hold a pass here to see what waits).</summary>
    internal Action<int>? BeforeScan { get; init; }

    private sealed class Waiting(SemanticIndex.Snapshot snapshot, float[] query, float minSimilarity)
    {
        public SemanticIndex.Snapshot Snapshot => snapshot;

        public float[] Query => query;

        public SemanticIndex.FixedQuery? FixedQuery { get; } = SemanticIndex.FixedQuery.Of(query);

        public float[] Similarities { get; } = ArrayPool<float>.Shared.Rent(snapshot.Count);

        public TaskCompletionSource<SemanticIndex.Scores> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => Done.SetResult(new SemanticIndex.Scores(snapshot, Similarities, minSimilarity));

        public void Fail(Exception e)
        {
            ArrayPool<float>.Shared.Return(Similarities);
            Done.SetException(e);
        }
    }

    public Task<SemanticIndex.Scores> ScoreAsync(SemanticIndex.Snapshot snapshot, float[] query, float minSimilarity)
    {
        var waiting = new Waiting(snapshot, query, minSimilarity);
        lock (_gate)
        {
            _waiting.Enqueue(waiting);
            if (_scanning)
            {
                return waiting.Done.Task;
            }

            _scanning = true;
        }

        // No scan was running, so this search's query is first in line: the batch scanned here holds it.
        ScanNext();
        return waiting.Done.Task;
    }

    // One batch, then the next (if any waits) handed to the thread pool, so the thread that scanned goes back to its
    // own search.
    private void ScanNext()
    {
        var batch = new List<Waiting>(MaxBatch);
        lock (_gate)
        {
            // One version's rows at a time: a query of a newer version waits for the next pass.
            while (batch.Count < MaxBatch && _waiting.TryPeek(out var next) && (batch.Count == 0 || next.Snapshot == batch[0].Snapshot))
            {
                batch.Add(_waiting.Dequeue());
            }
        }

        try
        {
            BeforeScan?.Invoke(batch.Count);
            Scan(batch);
            batch.ForEach(w => w.Complete());
        }
        catch (Exception e)
        {
            batch.ForEach(w => w.Fail(e));
        }

        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                _scanning = false;
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(static batches => batches.ScanNext(), this, preferLocal: false);
    }

    private static void Scan(List<Waiting> batch)
    {
        var snapshot = batch[0].Snapshot;
        if (batch.Count == 1 || batch.Any(w => w.FixedQuery is null))
        {
            foreach (var waiting in batch)
            {
                SemanticIndex.Similarities(snapshot, waiting.FixedQuery, waiting.Query, 0, waiting.Similarities.AsSpan(0, snapshot.Count));
            }

            return;
        }

        SemanticIndex.Similarities(snapshot, [.. batch.Select(w => w.FixedQuery!)], [.. batch.Select(w => w.Similarities)]);
    }
}
