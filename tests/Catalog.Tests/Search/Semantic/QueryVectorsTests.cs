using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

/// <summary>The cache of recent queries' vectors: least recently used out first, and copies in and out.</summary>
public sealed class QueryVectorsTests
{
    private static float[] Vector(float first) => [first, first + 1, first + 2];

    [Fact]
    public void TheLeastRecentlyUsedQueryIsTheOneGivenUp()
    {
        var cache = new QueryVectors(capacity: 3);
        cache.Add("a", Vector(1));
        cache.Add("b", Vector(2));
        cache.Add("c", Vector(3));

        // "a" used again: "b" is now the least recently used, and goes for "d".
        Assert.True(cache.TryGet("a", out _));
        cache.Add("d", Vector(4));

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(Vector(1), a);
        Assert.True(cache.TryGet("c", out var c));
        Assert.Equal(Vector(3), c);
        Assert.True(cache.TryGet("d", out var d));
        Assert.Equal(Vector(4), d);

        // Now "a" is the oldest of a, c, d (each used since in that order), then "c".
        cache.Add("e", Vector(5));
        cache.Add("f", Vector(6));
        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("c", out _));
        Assert.Equal(Vector(4), cache.TryGet("d", out var kept) ? kept : null);
        Assert.Equal(Vector(6), cache.TryGet("f", out var newest) ? newest : null);
    }

    [Fact]
    public void VectorsGoInAndComeOutAsCopies()
    {
        var cache = new QueryVectors(capacity: 2);
        var added = Vector(1);
        cache.Add("q", added);
        added[0] = 100;

        Assert.True(cache.TryGet("q", out var first));
        first[1] = 200;
        Assert.True(cache.TryGet("q", out var second));

        Assert.Equal(Vector(1), second);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void AQueryAddedTwiceKeepsItsFirstVectorAndOneSlot()
    {
        var cache = new QueryVectors(capacity: 2);
        cache.Add("q", Vector(1));
        cache.Add("q", Vector(9));
        cache.Add("r", Vector(2));

        Assert.Equal(Vector(1), cache.TryGet("q", out var q) ? q : null);
        Assert.Equal(Vector(2), cache.TryGet("r", out var r) ? r : null);
    }

    [Fact]
    public void AVectorOfAnotherLengthIsNotKept()
    {
        var cache = new QueryVectors(capacity: 2);
        cache.Add("q", Vector(1));
        cache.Add("longer", [1, 2, 3, 4]);

        Assert.False(cache.TryGet("longer", out _));
        Assert.True(cache.TryGet("q", out _));
    }
}
