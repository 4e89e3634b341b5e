using System.ComponentModel.DataAnnotations;

namespace Catalog.Web.Search.Semantic;

/// <summary>The "Catalog:Search" configuration section.</summary>
public sealed class SemanticOptions
{
    public const string Section = "Catalog:Search";

    /// <summary>
    /// Rank by meaning too: embed every link and topic in the background after each import and fuse cosine similarity
    /// with the lexical ranking. False keeps search lexical (tests of the lexical path, tiny machines): no model loaded.
    /// </summary>
    public bool Semantic { get; set; } = true;

    /// <summary>
    /// Texts embedded in one model run by the background indexer. Small: ONNX Runtime keeps the largest run's
    /// activations reserved for the life of the server, and short batches pad less (benchmarks README, "Memory with
    /// semantic ranking").
    /// </summary>
    [Range(1, 256)]
    public int EmbeddingBatch { get; set; } = 4;
}
