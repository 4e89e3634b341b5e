using Microsoft.Extensions.Options;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// How lexical and semantic rankings are fused: weighted reciprocal rank fusion, each list adding
/// weight / (<see cref="K"/> + rank). The values are the ones the relevance benchmark chose
/// (tests/Catalog.Benchmarks/README.md, "Relevance").
/// </summary>
public sealed record Fusion(double K, double LexicalWeight, double SemanticWeight, float MinSimilarity)
{
    public static readonly Fusion Default = new(K: 10, LexicalWeight: 1.0, SemanticWeight: 1.0, MinSimilarity: 0.3f);
}

/// <summary>The semantic side of a search: the query's vector and the documents nearest to it, when the index is ready.</summary>
public sealed class SemanticRanking(SemanticIndex index, TextEmbedder embedder, IOptions<SemanticOptions> options)
{
    public Fusion Fusion { get; init; } = Fusion.Default;

    /// <summary>True when semantic ranking is on and some documents are embedded.</summary>
    public bool Available => options.Value.Semantic && index.IsReady;

    /// <summary>Every document's similarity to the text's meaning: the links or topics nearest it come from <see cref="SemanticIndex.Scores.Nearest"/>.</summary>
    public Task<SemanticIndex.Scores> ScoreAsync(string text, CancellationToken ct) =>
        index.ScoreAsync(embedder.EmbedQuery(text, ct), Fusion.MinSimilarity);

    /// <summary>The links whose vectors are closest to this link's, itself left out; empty when it is not embedded.</summary>
    public IReadOnlyList<long> SimilarLinks(long linkId, int limit)
    {
        if (!Available || index.VectorOf(linkId) is not { } vector)
        {
            return [];
        }

        return [.. index.Nearest(vector, limit, topics: false, except: linkId, Fusion.MinSimilarity).Select(n => n.RowId)];
    }
}
