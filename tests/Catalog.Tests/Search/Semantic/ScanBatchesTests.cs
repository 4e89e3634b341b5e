using System.Collections.Concurrent;
using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

/// <summary>The shared scan: several queries in one pass over the rows, each answered as if it had been scanned alone.</summary>
public sealed class ScanBatchesTests
{
    [Theory]
    [InlineData(2, 384)]
    [InlineData(3, 384)]
    [InlineData(4, 384)]
    [InlineData(4, 48)] // three 16-value blocks
    public void EachQueryOfASharedScanGetsTheSimilaritiesItsOwnScanGives(int queries, int dimensions)
    {
        var random = new Random(queries * dimensions);
        var snapshot = Snapshot(random, rows: 517, dimensions);
        var floats = Enumerable.Range(0, queries).Select(_ => Uniform(random, dimensions)).ToArray();
        var fixedQueries = floats.Select(f => SemanticIndex.FixedQuery.Of(f)!).ToArray();
        var shared = floats.Select(_ => new float[snapshot.Count + 3]).ToArray();

        // In two steps, as a scan takes them: rows 0-199, then the rest.
        SemanticIndex.Similarities(snapshot, fixedQueries, shared, 0, 200);
        SemanticIndex.Similarities(snapshot, fixedQueries, shared, 200, snapshot.Count - 200);

        for (var q = 0; q < queries; q++)
        {
            var alone = new float[snapshot.Count];
            SemanticIndex.Similarities(snapshot, fixedQueries[q], floats[q], 0, alone);
            Assert.Equal(alone, shared[q].AsSpan(0, snapshot.Count).ToArray());
            Assert.Equal(snapshot.Count, alone.Distinct().Count());
        }
    }

    [Fact]
    public async Task AQueryThatComesDuringAScanJoinsItAtTheNextStepAndLeavesAfterATurn()
    {
        var random = new Random(7);
        var snapshot = Snapshot(random, rows: 300, dimensions: 384, topics: 20);
        var index = new SemanticIndex();
        index.Publish(snapshot);
        var steps = new ConcurrentQueue<int>();
        using var first = new ManualResetEventSlim();
        using var fourth = new ManualResetEventSlim();
        var batches = new ScanBatches
        {
            StepRows = 100,
            BeforeScan = size =>
            {
                steps.Enqueue(size);
                (steps.Count switch { 1 => first, 4 => fourth, _ => null })?.Wait(TestContext.Current.CancellationToken);
            },
        };
        var queries = Enumerable.Range(0, 3).Select(_ => Uniform(random, 384)).ToArray();

        var own = Task.Run(() => batches.ScoreAsync(snapshot, queries[0], minSimilarity: 0), TestContext.Current.CancellationToken);
        SpinWait.SpinUntil(() => !steps.IsEmpty, TimeSpan.FromSeconds(30));
        var joining = queries.Skip(1).Select(q => batches.ScoreAsync(snapshot, q, minSimilarity: 0)).ToList();
        first.Set();

        // The first query's three steps (rows 0-99 alone, 100-199 and 200-299 with the two that came), then the step the
        // others still owe (rows 0-99): held, and by then the first search has its answer and its thread back.
        SpinWait.SpinUntil(() => steps.Count == 4, TimeSpan.FromSeconds(30));
        var ownAnswer = await own.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.All(joining, j => Assert.False(j.IsCompleted));
        fourth.Set();
        SemanticIndex.Scores[] scores = [ownAnswer, .. await Task.WhenAll(joining)];

        Assert.Equal([1, 3, 3, 2], steps);
        AssertAnsweredAsAlone(index, queries, scores, links: 280, topics: 20);
    }

    [Fact]
    public async Task QueriesThatComeDuringAOneStepScanAreScannedTogetherInTheNextStepAndAnsweredAsAlone()
    {
        var random = new Random(5);
        var snapshot = Snapshot(random, rows: 2_000, dimensions: 384, topics: 50);
        var index = new SemanticIndex();
        index.Publish(snapshot);
        var passes = new ConcurrentQueue<int>();
        using var release = new ManualResetEventSlim();
        var batches = HoldingTheFirstPass(passes, release);
        var queries = Enumerable.Range(0, 6).Select(_ => Uniform(random, 384)).ToArray();

        var first = Task.Run(() => batches.ScoreAsync(snapshot, queries[0], minSimilarity: 0), TestContext.Current.CancellationToken);
        SpinWait.SpinUntil(() => !passes.IsEmpty, TimeSpan.FromSeconds(30));
        var waiting = queries.Skip(1).Select(q => batches.ScoreAsync(snapshot, q, minSimilarity: 0)).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        release.Set();
        SemanticIndex.Scores[] scores = [await first, .. await Task.WhenAll(waiting)];

        // The first alone, then the four that waited longest, then the one left.
        Assert.Equal([1, 4, 1], passes);
        AssertAnsweredAsAlone(index, queries, scores, links: 20, topics: 5);
    }

    [Fact]
    public async Task AQueryOfANewerVersionIsNotScannedWithTheOlderVersionsRows()
    {
        var random = new Random(9);
        var older = Snapshot(random, rows: 300, dimensions: 64);
        var newer = Snapshot(random, rows: 200, dimensions: 64, version: 2);
        var passes = new ConcurrentQueue<int>();
        using var release = new ManualResetEventSlim();
        var batches = HoldingTheFirstPass(passes, release);

        // Every row counts, however dissimilar: the answers' lengths are the versions' row counts.
        const float Any = float.MinValue;
        var first = Task.Run(() => batches.ScoreAsync(older, Uniform(random, 64), Any), TestContext.Current.CancellationToken);
        SpinWait.SpinUntil(() => !passes.IsEmpty, TimeSpan.FromSeconds(30));
        var waiting = new[] { batches.ScoreAsync(older, Uniform(random, 64), Any), batches.ScoreAsync(newer, Uniform(random, 64), Any), batches.ScoreAsync(older, Uniform(random, 64), Any) };
        release.Set();
        SemanticIndex.Scores[] scores = [await first, .. await Task.WhenAll(waiting)];

        Assert.Equal([1, 1, 1, 1], passes);
        Assert.Equal(200, scores[2].Nearest(1_000, topics: false).Count);
        Assert.Equal(300, scores[3].Nearest(1_000, topics: false).Count);
    }

    // Each query's nearest links and topics from its shared scan are the ones a scan of its own finds.
    private static void AssertAnsweredAsAlone(SemanticIndex index, float[][] queries, SemanticIndex.Scores[] scores, int links, int topics)
    {
        for (var q = 0; q < queries.Length; q++)
        {
            using var score = scores[q];
            Assert.Equal(index.Nearest(queries[q], links, topics: false), score.Nearest(links, topics: false));
            Assert.Equal(index.Nearest(queries[q], topics, topics: true), score.Nearest(topics, topics: true));
        }
    }

    /// <summary>Batches that record each pass's size and hold the first pass until <paramref name="release"/> is set.</summary>
    private static ScanBatches HoldingTheFirstPass(ConcurrentQueue<int> passes, ManualResetEventSlim release) => new()
    {
        BeforeScan = size =>
        {
            passes.Enqueue(size);
            if (passes.Count == 1)
            {
                release.Wait(TestContext.Current.CancellationToken);
            }
        },
    };

    private static SemanticIndex.Snapshot Snapshot(Random random, int rows, int dimensions, int topics = 0, long version = 1)
    {
        var values = new sbyte[rows * dimensions];
        var scales = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            scales[i] = CompactVector.Unpack(CompactVector.Pack(Uniform(random, dimensions)), values.AsSpan(i * dimensions, dimensions));
        }

        long[] ids = [.. Enumerable.Range(0, rows).Select(i => i < topics ? (long)(i - topics) : i - topics + 1)];
        return new SemanticIndex.Snapshot(version, ids, values, scales, dimensions);
    }

    private static float[] Uniform(Random random, int dimensions) =>
        [.. Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
