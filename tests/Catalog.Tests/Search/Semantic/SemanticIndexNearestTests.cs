using System.Numerics.Tensors;
using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

/// <summary>
/// The index's scan (a fixed-point query against int8 rows) against the ranking the rows' floats give, on vectors shaped
/// like sentence embeddings: clusters of related texts around a direction they all share.
/// </summary>
public sealed class SemanticIndexNearestTests
{
    private const int Dimensions = 384;

    [Fact]
    public void TheIndexRanksAsTheRowsFloatsDo()
    {
        var random = new Random(18);
        var (index, ids, vectors) = Build(random, links: 5_000, topics: 40);

        var recall10 = new List<double>();
        var recall200 = new List<double>();
        for (var q = 0; q < 50; q++)
        {
            var query = Near(random, vectors[random.Next(vectors.Count)], noise: 0.8f);
            var exact = ExactSimilarities(query, ids, vectors, except: 0);

            recall10.Add(Recall(exact, index.Nearest(query, 10, topics: false), 10));
            recall200.Add(Recall(exact, index.Nearest(query, 200, topics: false), 200));
        }

        Assert.Equal(1.0, recall10.Average());
        Assert.Equal(1.0, recall200.Average());
    }

    [Fact]
    public void TopicsAndLinksAreSearchedApartAndTheExceptedRowIsLeftOut()
    {
        var random = new Random(7);
        var (index, ids, vectors) = Build(random, links: 3_000, topics: 300);
        var link = ids.First(id => id > 0);
        var query = index.VectorOf(link)!;

        var topics = index.Nearest(query, 5, topics: true);
        var links = index.Nearest(query, 5, topics: false, except: link);

        Assert.Equal(5, topics.Count);
        Assert.All(topics, t => Assert.True(t.RowId < 0));
        Assert.Equal(5, links.Count);
        Assert.All(links, l => Assert.True(l.RowId > 0 && l.RowId != link));
        Assert.Equal(1.0, Recall(ExactSimilarities(query, ids, vectors, except: link), links, 5));
        Assert.True(links.Zip(links.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity), "best first");
    }

    [Fact]
    public void RowsBelowTheMinimumSimilarityAreLeftOutAndTheRestKeptUpToTheLimit()
    {
        var random = new Random(11);
        var (index, ids, vectors) = Build(random, links: 2_000, topics: 10);
        var query = Near(random, vectors[random.Next(vectors.Count)], noise: 0.8f);
        var all = index.Nearest(query, ids.Length, topics: false);
        var minimum = all[all.Count / 100].Similarity;

        var above = index.Nearest(query, ids.Length, topics: false, minSimilarity: minimum);
        var fewer = index.Nearest(query, 5, topics: false, minSimilarity: minimum);

        Assert.Equal(all.TakeWhile(a => a.Similarity >= minimum), above);
        Assert.True(above.Count > 5, $"{above.Count} above the minimum");
        Assert.Equal(above.Take(5).Select(a => a.Similarity), fewer.Select(f => f.Similarity));
        Assert.Empty(index.Nearest(query, 0, topics: false));
    }

    [Fact]
    public void RowsMustComeInRowidOrder()
    {
        Assert.Throws<ArgumentException>(() => new SemanticIndex.Snapshot(1, [2, 1], new sbyte[2 * 4], [1f, 1f], 4));
    }

    /// <summary>
    /// The share of the exact top <paramref name="k"/> the answer matched, by similarity rather than by id: rows with
    /// the same vector tie, and either may be named.
    /// </summary>
    private static double Recall(float[] exact, IReadOnlyList<(long RowId, float Similarity)> found, int k)
    {
        var matched = 0;
        for (var j = 0; j < k; j++)
        {
            matched += j < found.Count && found[j].Similarity >= exact[j] - 1e-5f ? 1 : 0;
        }

        return (double)matched / k;
    }

    private static float[] ExactSimilarities(float[] query, long[] ids, List<float[]> vectors, long except) =>
        [.. Enumerable.Range(0, ids.Length).Where(i => ids[i] > 0 && ids[i] != except)
            .Select(i => TensorPrimitives.Dot(query, vectors[i])).OrderDescending()];

    /// <summary>An index of int8 rows, and each row as the floats it stands for (what exact scoring sees).</summary>
    private static (SemanticIndex Index, long[] Ids, List<float[]> Vectors) Build(Random random, int links, int topics)
    {
        var shared = Normalised(Gaussian(random));
        var centres = Enumerable.Range(0, 400).Select(_ => Normalised(Add(Gaussian(random), shared, 2f))).ToList();
        long[] ids = [.. Enumerable.Range(1, topics).Select(t => (long)-t).Reverse(), .. Enumerable.Range(1, links).Select(l => (long)l)];
        var values = new sbyte[ids.Length * Dimensions];
        var scales = new float[ids.Length];
        var vectors = new List<float[]>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var packed = CompactVector.Pack(Near(random, centres[random.Next(centres.Count)], noise: 1f));
            scales[i] = CompactVector.Unpack(packed, values.AsSpan(i * Dimensions, Dimensions));
            var vector = new float[Dimensions];
            TensorPrimitives.ConvertTruncating<sbyte, float>(values.AsSpan(i * Dimensions, Dimensions), vector);
            TensorPrimitives.Multiply(vector, scales[i], vector);
            vectors.Add(vector);
        }

        var index = new SemanticIndex();
        index.Publish(new SemanticIndex.Snapshot(1, ids, values, scales, Dimensions));
        return (index, ids, vectors);
    }

    private static float[] Near(Random random, float[] centre, float noise) => Normalised(Add(Gaussian(random, noise / MathF.Sqrt(Dimensions)), centre, 1f));

    private static float[] Gaussian(Random random, float sigma = 1f) =>
        [.. Enumerable.Range(0, Dimensions).Select(_ => sigma * MathF.Sqrt(-2f * MathF.Log(1f - random.NextSingle())) * MathF.Cos(2f * MathF.PI * random.NextSingle()))];

    private static float[] Add(float[] a, float[] b, float weight) => [.. a.Zip(b, (x, y) => x + weight * y)];

    private static float[] Normalised(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        return [.. v.Select(x => x / norm)];
    }
}
