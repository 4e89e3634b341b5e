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
        var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var row = Enumerable.Range(0, dimensions).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();
        var floats = new float[dimensions];
        TensorPrimitives.ConvertTruncating<sbyte, float>(row, floats);

        var expected = TensorPrimitives.Dot(query, floats);

        Assert.Equal(expected, SemanticIndex.Dot(query, row), 1e-3f * Math.Max(1f, Math.Abs(expected)));
        Assert.NotEqual(0f, expected);
    }
}
