using System.Globalization;
using Catalog.Web.Data;
using Catalog.Web.Import;

namespace Catalog.Web.Links.Metadata;

/// <summary>What the pages and the API show of a link's stored metadata.</summary>
public sealed record LinkMeta(
    string Url,
    string? Title,
    IReadOnlyList<string> Authors,
    int? Year,
    string? Published,
    string? Venue,
    string? Abstract,
    string? Source,
    DateTimeOffset? FetchedAt,
    string? CanonicalId,
    string? Kind,
    string? Doi,
    string? ArxivId,
    string? PrimaryClass,
    string? PdfUrl,
    string? ContentType,
    long? ContentLength,
    int? Stars,
    string? Language,
    bool? Archived,
    string? License,
    string? PushedAt,
    IReadOnlyDictionary<string, MetadataRecord.FieldSource> FieldSources)
{
    public const int AuthorsShown = 3;

    public static LinkMeta From(LinkMetadataRow row) => new(
        row.Url, row.Title, MetadataRecord.Authors(row.Authors), row.Year, row.Published, row.Venue, row.Abstract, row.Source,
        row.FetchedAt, row.CanonicalId, row.Kind, row.Doi, row.ArxivId, row.PrimaryClass, row.PdfUrl, row.ContentType,
        row.ContentLength, row.Stars, row.Language, row.Archived, row.License, row.PushedAt, MetadataRecord.Sources(row));

    /// <summary>
    /// The one line under a label: for a repository its stars, language and "archived"; for a video its channel; else
    /// the first three authors ("et al." after), year and venue. Empty when nothing is known.
    /// </summary>
    public string Facts(string linkKind)
    {
        if (Stars is not null || (linkKind == LinkKinds.Code && (Language is not null || Archived == true)))
        {
            return Join(Stars is { } stars ? "★ " + stars.ToString("N0", CultureInfo.InvariantCulture) : null, Language, Archived == true ? "archived" : null);
        }

        if (linkKind == LinkKinds.Video || Kind == LinkKinds.Video)
        {
            return Authors.Count > 0 ? "channel " + Authors[0] : "";
        }

        var authors = Authors.Count switch
        {
            0 => null,
            <= AuthorsShown => string.Join(", ", Authors),
            _ => string.Join(", ", Authors.Take(AuthorsShown)) + " et al.",
        };
        return Join(authors, Year?.ToString(CultureInfo.InvariantCulture), Venue);
    }

    private static string Join(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrEmpty(p)));
}

/// <summary>The label a link is shown with: the curator's text, else the fetched title, else a readable form of the URL.</summary>
public static class DisplayLabel
{
    public static string For(string curatorLabel, string url, string? fetchedTitle)
    {
        if (!string.IsNullOrWhiteSpace(curatorLabel) && !Urls.IsResource(curatorLabel.Trim()))
        {
            return curatorLabel;
        }

        return fetchedTitle ?? Readable(url);
    }

    /// <summary>Host and decoded path, without scheme or query: "www-m15.ma.tum.de/Allgemeines/MathFounNN".</summary>
    public static string Readable(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return url;
        }

        string path;
        try
        {
            path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/');
        }
        catch (UriFormatException)
        {
            path = uri.AbsolutePath.TrimEnd('/');
        }

        return CleanText.Line(uri.Host + path, 2048) ?? uri.Host;
    }
}
