using Catalog.Web.Search;
using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

public sealed class FusionTests
{
    [Fact]
    public void RankingsAreFusedByReciprocalRankAndTiesKeepTheLexicalOrder()
    {
        var even = new Fusion(K: 60, LexicalWeight: 1, SemanticWeight: 1, MinSimilarity: 0);

        // 1 and 3 swap places across the rankings (equal sums), 2 and 4 each hold second place in one of them.
        Assert.Equal([1L, 3, 2, 4], CatalogSearch.Fuse([1, 2, 3], [3, 4, 1], even));
    }

    [Fact]
    public void TheHeavierRankingLeads()
    {
        var lexicalFirst = new Fusion(K: 60, LexicalWeight: 2, SemanticWeight: 1, MinSimilarity: 0);
        var semanticFirst = new Fusion(K: 60, LexicalWeight: 1, SemanticWeight: 2, MinSimilarity: 0);

        Assert.Equal([1L, 2, 3, 4], CatalogSearch.Fuse([1, 2], [3, 4], lexicalFirst));
        Assert.Equal([3L, 4, 1, 2], CatalogSearch.Fuse([1, 2], [3, 4], semanticFirst));
        Assert.Empty(CatalogSearch.Fuse([], [], lexicalFirst));
    }
}
