namespace Catalog.Benchmarks.Runner;

/// <summary>
/// A fixed set of realistic queries for this catalog, rotated by the search figures: topic phrases, a person, an arXiv
/// id, a host, Chinese, and two broad words that match a large part of the catalog.
/// </summary>
public static class SearchQueries
{
    public static IReadOnlyList<string> All { get; } =
    [
        "random matrix",
        "optimal transport",
        "neural tangent kernel",
        "information bottleneck",
        "renormalization group",
        "spin glass",
        "approximation theory",
        "loss landscape",
        "differential equations",
        "mean field",
        "inverse problems",
        "topology",
        "generalization",
        "Joan Bruna",
        "1811.03962",
        "github",
        "深度学习",
        "知乎",
        "physics",
        "deep learning",
    ];

    public static IReadOnlyList<string> Paths(string prefix) =>
        All.Select(q => $"{prefix}?q={Uri.EscapeDataString(q)}").ToList();
}
