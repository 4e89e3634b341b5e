namespace Catalog.Web.Links.Metadata;

/// <summary>
/// What one source said about one URL, already clean (<see cref="CleanText"/>): every field optional. Extractors make
/// these from a body; <see cref="MetadataRecord"/> folds them into the stored row by trust.
/// </summary>
public sealed record FetchedMetadata(string Source)
{
    public string? Title { get; init; }

    public IReadOnlyList<string> Authors { get; init; } = [];

    public int? Year { get; init; }

    public string? Published { get; init; }

    public string? Venue { get; init; }

    public string? Abstract { get; init; }

    public string? Doi { get; init; }

    public string? ArxivId { get; init; }

    public string? PrimaryClass { get; init; }

    public string? PdfUrl { get; init; }

    public string? Kind { get; init; }

    public string? ContentType { get; init; }

    public long? ContentLength { get; init; }

    public int? Stars { get; init; }

    public string? Language { get; init; }

    public bool? Archived { get; init; }

    public string? License { get; init; }

    public string? PushedAt { get; init; }

    /// <summary>True when the source gave nothing worth keeping.</summary>
    public bool IsEmpty => Title is null && Authors.Count == 0 && Year is null && Venue is null && Abstract is null && Doi is null
        && Kind is null && ContentType is null && Stars is null;
}

/// <summary>The sources, in the order of trust the issue gives them: an earlier one's value wins a field.</summary>
public static class MetadataSources
{
    public const string Arxiv = "arxiv";
    public const string Crossref = "crossref";
    public const string GitHub = "github";
    public const string OEmbed = "oembed";
    public const string Html = "html";
    public const string Pdf = "pdf";
    public const string Imported = "import";

    private static readonly string[] s_trust = [Arxiv, Crossref, GitHub, OEmbed, Html, Pdf];

    /// <summary>Lower is more trusted; an unknown source (an imported file's own name) ranks last.</summary>
    public static int Rank(string source) => Array.IndexOf(s_trust, source) is var i and >= 0 ? i : s_trust.Length;
}
