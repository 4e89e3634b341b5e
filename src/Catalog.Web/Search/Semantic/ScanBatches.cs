using System.Buffers;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// One scan over the rows at a time, round and round in steps of <see cref="StepRows"/> rows, shared by every search
/// that needs one meanwhile (up to <see cref="MaxBatch"/>): a search that comes while the scan runs joins it at the next
/// step and leaves once it has gone all the way round, so it reads with the others the rows they still have to read
/// (<see cref="SemanticIndex.Similarities(SemanticIndex.Snapshot, SemanticIndex.FixedQuery[], float[][], int, int)"/>:
/// each row read and widened once for all of them) instead of waiting for the scan to end. Nothing waits on purpose: a
/// search that finds no scan running scans at once, on its own thread, and that thread goes back to its search as soon
/// as its own answer is done, leaving the turns still owed to others to a work item. Every answer is the one its query
/// gets alone (the same integer sums, row by row).
/// </summary>
internal sealed class ScanBatches
{
    /// <summary>The most queries one step computes (the kernel keeps a sum for each in a register); more wait to join.</summary>
    public const int MaxBatch = 4;

    /// <summary>
    /// The rows of one step: small enough that a search that comes joins within a twentieth of a scan at 200x (45,000
    /// rows), large enough that a step's fixed cost is nothing against its 768 KB.
    /// </summary>
    public const int DefaultStepRows = 2_048;

    private readonly Lock _gate = new();
    private readonly Queue<Waiting> _waiting = new();

    // The queries of the running scan (one snapshot's), touched only by the scan (one at a time), joined under the gate.
    private readonly List<Waiting> _active = new(MaxBatch);
    private SemanticIndex.FixedQuery[] _fixedQueries = [];
    private float[][] _outputs = [];
    private bool _scanning;
    private int _step;

    /// <summary>Rows a step (tests take a few to see searches join).</summary>
    internal int StepRows { get; init; } = DefaultStepRows;

    /// <summary>Called with each step's number of queries before it scans (tests hold a step here to see what joins).</summary>
    internal Action<int>? BeforeScan { get; init; }

    private sealed class Waiting(SemanticIndex.Snapshot snapshot, float[] query, float minSimilarity)
    {
        public SemanticIndex.Snapshot Snapshot => snapshot;

        public float[] Query => query;

        public SemanticIndex.FixedQuery? FixedQuery { get; } = SemanticIndex.FixedQuery.Of(query);

        public float[] Similarities { get; } = ArrayPool<float>.Shared.Rent(snapshot.Count);

        public TaskCompletionSource<SemanticIndex.Scores> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The steps it still has to take part in before it has seen every row.</summary>
        public int StepsLeft { get; set; }

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

        // No scan was running: this search runs it until its own answer is done.
        Scan(waiting);
        return waiting.Done.Task;
    }

    // Steps until no query is left, or, on a search's own thread, until its query is answered: the steps still owed then
    // go on in a work item, so the search is not kept waiting for the others.
    private void Scan(Waiting? own)
    {
        while (true)
        {
            lock (_gate)
            {
                Join();
                if (_active.Count == 0)
                {
                    _scanning = false;
                    return;
                }
            }

            if (own is not null && own.Done.Task.IsCompleted)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static batches => batches.Scan(own: null), this, preferLocal: false);
                return;
            }

            Step();
        }
    }

    // Under the gate: the waiting queries of the running scan's rows join it, in the order they came, up to the most a step
    // computes. A query of another version waits for the scan of the one before to end (it needs other rows).
    private void Join()
    {
        var joined = false;
        while (_active.Count < MaxBatch && _waiting.TryPeek(out var next) && (_active.Count == 0 || next.Snapshot == _active[0].Snapshot))
        {
            if (_active.Count == 0)
            {
                _step = 0;
            }

            next.StepsLeft = StepsOf(next.Snapshot);
            _active.Add(_waiting.Dequeue());
            joined = true;
        }

        if (joined)
        {
            Arrange();
        }
    }

    // The shared step's arguments, made when the scan's queries change, not for every step: the fixed-point queries
    // (fewer than the scan's queries when one has none) and every query's output.
    private void Arrange()
    {
        _fixedQueries = [.. _active.Select(w => w.FixedQuery).OfType<SemanticIndex.FixedQuery>()];
        _outputs = [.. _active.Select(w => w.Similarities)];
    }

    private int StepsOf(SemanticIndex.Snapshot snapshot) => Math.Max(1, (snapshot.Count + StepRows - 1) / StepRows);

    // One step for every query of the scan; those that have now seen every row are answered and leave it.
    private void Step()
    {
        var snapshot = _active[0].Snapshot;
        var from = Math.Min(_step * StepRows, snapshot.Count);
        var count = Math.Min(StepRows, snapshot.Count - from);
        try
        {
            BeforeScan?.Invoke(_active.Count);
            Compute(snapshot, from, count);
        }
        catch (Exception e)
        {
            _active.ForEach(w => w.Fail(e));
            _active.Clear();
            return;
        }

        _step = (_step + 1) % StepsOf(snapshot);
        var left = _active.Count;
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            if (--_active[i].StepsLeft == 0)
            {
                _active[i].Complete();
                _active.RemoveAt(i);
            }
        }

        if (_active.Count != left)
        {
            Arrange();
        }
    }

    private void Compute(SemanticIndex.Snapshot snapshot, int from, int count)
    {
        // Alone, or with a query that has no fixed-point form (no AVX2: Arrange left it out of the shared arguments), each
        // query's step is its own.
        if (_active.Count == 1 || _fixedQueries.Length != _active.Count)
        {
            foreach (var waiting in _active)
            {
                SemanticIndex.Similarities(snapshot, waiting.FixedQuery, waiting.Query, from, waiting.Similarities.AsSpan(from, count));
            }

            return;
        }

        SemanticIndex.Similarities(snapshot, _fixedQueries, _outputs, from, count);
    }
}
