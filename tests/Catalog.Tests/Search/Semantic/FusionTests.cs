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

    [Fact]
    public void FusingAgreesWithTheDictionaryItReplacesOnRandomRankings()
    {
        var fusion = Fusion.Default;
        var random = new Random(20261206);
        for (var round = 0; round < 500; round++)
        {
            // Ids drawn from a small range so the rankings overlap, now and then an id twice in one ranking.
            var lexical = Enumerable.Range(0, random.Next(0, 60)).Select(_ => (long)random.Next(-20, 80)).ToList();
            var semantic = Enumerable.Range(0, random.Next(0, 60)).Select(_ => (long)random.Next(-20, 80)).ToList();

            Assert.Equal(Reference(lexical, semantic, fusion), CatalogSearch.Fuse(lexical, semantic, fusion));
        }
    }

    // The fusion as it was written first: scores summed in a dictionary (insertion order), ordered by LINQ's stable sort.
    private static List<long> Reference(List<long> lexical, List<long> semantic, Fusion fusion)
    {
        var fused = new Dictionary<long, (double Score, int Lexical)>();
        for (var i = 0; i < lexical.Count; i++)
        {
            var (score, place) = fused.GetValueOrDefault(lexical[i], (0, i));
            fused[lexical[i]] = (score + fusion.LexicalWeight / (fusion.K + i + 1), place);
        }

        for (var i = 0; i < semantic.Count; i++)
        {
            var (score, place) = fused.GetValueOrDefault(semantic[i], (0, int.MaxValue));
            fused[semantic[i]] = (score + fusion.SemanticWeight / (fusion.K + i + 1), place);
        }

        return [.. fused.OrderByDescending(f => f.Value.Score).ThenBy(f => f.Value.Lexical).Select(f => f.Key)];
    }
}
