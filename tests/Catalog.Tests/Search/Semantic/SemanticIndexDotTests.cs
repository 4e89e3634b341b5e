using System.Numerics.Tensors;
using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

public sealed class SemanticIndexDotTests
{
    [Theory]
    [InlineData(384)]
    [InlineData(37)]
    [InlineData(5)]
    public void TheRowWidenedInRegistersGivesTheDotProductOfItsFloats(int dimensions)
    {
        var random = new Random(dimensions);
        var query = Uniform(random, dimensions);
        var row = Enumerable.Range(0, dimensions).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();
        var floats = new float[dimensions];
        TensorPrimitives.ConvertTruncating<sbyte, float>(row, floats);

        var expected = TensorPrimitives.Dot(query, floats);

        Assert.Equal(expected, SemanticIndex.Dot(query, row), 1e-3f * Math.Max(1f, Math.Abs(expected)));
        Assert.NotEqual(0f, expected);
    }

    [Theory]
    [InlineData(384)] // 32 values at a time where the machine has AVX-512
    [InlineData(48)] // 16 at a time (AVX2): not a whole number of 32-value blocks
    [InlineData(37)] // no fixed point: the float path
    public void TheFixedPointQueryGivesTheDotProductOfItsFloats(int dimensions)
    {
        var random = new Random(dimensions);
        var query = Uniform(random, dimensions);
        var row = new sbyte[dimensions];
        var scale = CompactVector.Unpack(CompactVector.Pack(Uniform(random, dimensions)), row);
        var widened = new float[dimensions];
        TensorPrimitives.ConvertTruncating<sbyte, float>(row, widened);

        var expected = TensorPrimitives.Dot(query, widened);

        // Every value at the extreme of its range: the 32-bit sums must not overflow.
        var extreme = Enumerable.Repeat(sbyte.MinValue, dimensions).ToArray();
        var negative = Enumerable.Repeat(-1f, dimensions).ToArray();
        Assert.Equal(expected, SemanticIndex.Dot(SemanticIndex.FixedQuery.Of(query), query, row), 1e-3f * Math.Max(1f, Math.Abs(expected)));
        Assert.Equal(128f * dimensions, SemanticIndex.Dot(SemanticIndex.FixedQuery.Of(negative), negative, extreme), 1e-2f * dimensions);
        Assert.NotEqual(0f, scale);
    }

    [Theory]
    [InlineData(384)] // the model's: the query held in registers where the machine has AVX-512
    [InlineData(64)] // row by row
    public void EachRowsSimilarityInAScanIsItsDotProductTimesItsScale(int dimensions)
    {
        var random = new Random(dimensions);
        const int rows = 301;
        var values = new sbyte[rows * dimensions];
        var scales = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            scales[i] = CompactVector.Unpack(CompactVector.Pack(Uniform(random, dimensions)), values.AsSpan(i * dimensions, dimensions));
        }

        var snapshot = new SemanticIndex.Snapshot(1, [.. Enumerable.Range(1, rows).Select(i => (long)i)], values, scales, dimensions);
        var query = Uniform(random, dimensions);
        var fixedQuery = SemanticIndex.FixedQuery.Of(query);
        var similarities = new float[rows - 7];

        SemanticIndex.Similarities(snapshot, fixedQuery, query, 7, similarities);

        var expected = Enumerable.Range(7, rows - 7).Select(i => SemanticIndex.Dot(fixedQuery, query, snapshot.Row(i)) * scales[i]);
        Assert.Equal(expected, similarities);
        Assert.Equal(rows - 7, similarities.Distinct().Count());
    }

    private static float[] Uniform(Random random, int dimensions) =>
        [.. Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
