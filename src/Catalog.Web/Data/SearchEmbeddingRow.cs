namespace Catalog.Web.Data;

/// <summary>
/// The sentence embedding of one search document's text (Search/Semantic), keyed by a hash of that text: a re-import
/// that leaves a link's text alone keeps its vector, and only new or changed text is embedded again.
/// </summary>
public sealed class SearchEmbeddingRow
{
    /// <summary>SHA-256 of the embedded text, first 16 bytes.</summary>
    public required byte[] TextHash { get; set; }

    /// <summary>The normalised vector as int8 with one scale (Search/Semantic/CompactVector.cs).</summary>
    public required byte[] Vector { get; set; }
}
