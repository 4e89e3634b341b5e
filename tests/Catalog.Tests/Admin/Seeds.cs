namespace Catalog.Tests.Admin;

/// <summary>The seed the catalog starts from, and its changed copy (see Fixtures/changed).</summary>
public static class Seeds
{
    public const string Name = "science-of-deep-learning.md";

    public static string OriginalPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", Name);

    /// <summary>
    /// One topic renamed (Deep learning and Optimal Transport → Optimal Transport and Deep Learning), one removed with
    /// its links (Topology and Deep Learning), one added (Kernel Methods and Deep Learning), two labels edited, one link
    /// removed (physics-ai.com), an image added (Random Matrix Theory) and a quote edited (Information Theory).
    /// </summary>
    public static string ChangedPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "changed", Name);

    public static byte[] Original => File.ReadAllBytes(OriginalPath);

    public static byte[] Changed => File.ReadAllBytes(ChangedPath);
}
