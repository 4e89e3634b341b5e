using System.Text.RegularExpressions;
using Catalog.Web.Export.Citations;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// One work, one identity: "arXiv:1806.07572" (no version) or "doi:10.1234/abc" (lower-case, as DOIs compare without
/// case), read from the URL itself, so the abs, pdf and versioned URLs of a preprint, or a DOI and the publisher page
/// that carries it, join before anything is fetched.
/// </summary>
public static partial class CanonicalId
{
    public static string? FromUrl(string url)
    {
        if (ArxivId.FromUrl(url) is { } arxiv)
        {
            return Arxiv(arxiv.Id);
        }

        return DoiFromUrl(url) is { } doi ? Doi(doi) : null;
    }

    public static string Arxiv(string id) => "arXiv:" + id.ToLowerInvariant();

    public static string Doi(string doi) => "doi:" + doi.ToLowerInvariant();

    /// <summary>The DOI in a doi.org URL or in a publisher's path (dl.acm.org/doi/10..., link.springer.com/article/10...).</summary>
    public static string? DoiFromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var match = DoiInPath().Match(Uri.UnescapeDataString(uri.AbsolutePath));
        if (!match.Success)
        {
            return null;
        }

        var doi = match.Value;
        foreach (var tail in s_publisherTails)
        {
            if (doi.EndsWith(tail, StringComparison.OrdinalIgnoreCase))
            {
                doi = doi[..^tail.Length];
            }
        }

        return doi.TrimEnd('/', '.');
    }

    /// <summary>A DOI as written anywhere ("doi:10...", "https://doi.org/10..."), bare; null when it is none.</summary>
    public static string? NormaliseDoi(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = DoiInPath().Match(text);
        return match.Success ? match.Value.TrimEnd('/', '.') : null;
    }

    // Words publishers append after the DOI in their URLs; never the end of a real DOI in the seed's publishers.
    private static readonly string[] s_publisherTails = [".pdf", "/full", "/abstract", "/pdf", "/epdf", "/meta"];

    [GeneratedRegex(@"10\.[0-9]{4,9}/[^\s?#""<>]+")]
    private static partial Regex DoiInPath();
}
