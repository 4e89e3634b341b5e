namespace Catalog.Web.Export.Citations;

/// <summary>
/// One thing to cite, from what the catalog knows: always the curator's label, URL, kind and topics; the rest once link
/// metadata is fetched (<see cref="Metadata"/>). Every writer (BibTeX, RIS, CSL-JSON) reads only this record.
/// </summary>
/// <param name="Label">The display label: the curator's text, else the URL.</param>
/// <param name="LinkId">The link's page in the catalog, for a stable note and CSL id.</param>
public sealed record CitationWork(int LinkId, string Label, string Url, string Kind, IReadOnlyList<string> Topics, CitationMetadata? Metadata = null)
{
    /// <summary>The arXiv id from the metadata, else from the URL itself.</summary>
    public ArxivId? Arxiv => Metadata?.ArxivId is { } id ? ArxivId.Parse(id) : ArxivId.FromUrl(Url);

    /// <summary>The curator's label, unless it is only the URL and a title was fetched (the metadata issue's precedence).</summary>
    public string Title => Metadata?.Title is { Length: > 0 } fetched && Import.Urls.IsResource(Label) ? fetched : Label;
}

/// <summary>What the link-metadata feature fetches (arXiv, Crossref, citation_* tags); every field optional.</summary>
/// <param name="Authors">In order, each as written ("Yoshua Bengio" or "Bengio, Yoshua").</param>
/// <param name="Venue">The journal or proceedings the work appeared in.</param>
/// <param name="ArxivId">Without "arXiv:" and without a version.</param>
/// <param name="PrimaryClass">arXiv's primary category (cs.LG).</param>
public sealed record CitationMetadata(
    string? Title = null,
    IReadOnlyList<string>? Authors = null,
    int? Year = null,
    string? Venue = null,
    VenueKind VenueKind = VenueKind.Unknown,
    string? ArxivId = null,
    string? PrimaryClass = null,
    string? Doi = null);

public enum VenueKind
{
    Unknown,
    Journal,
    Proceedings,
}
