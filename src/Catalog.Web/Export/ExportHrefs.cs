using System.Globalization;

namespace Catalog.Web.Export;

/// <summary>The URLs of the exports, as the pages link them (route values percent-encoded like Pages.Hrefs).</summary>
public static class ExportHrefs
{
    public const string CatalogFeed = "/feeds/catalog.atom";

    public static string TopicFeed(string slug) => ExportEndpoints.FeedPath(slug);

    public static string LinkCitation(int id, string format) => $"/links/{id.ToString(CultureInfo.InvariantCulture)}/cite.{format}";

    public static string TopicCitation(string slug, string format) => $"/topics/{Uri.EscapeDataString(slug)}/cite.{format}";

    /// <summary>The citations of a search page's results: the page's own URL (/search?q=...) with cite.{format} added.</summary>
    public static string SearchCitation(string searchPageUrl, string format)
    {
        var query = searchPageUrl.IndexOf('?', StringComparison.Ordinal);
        return "/search/cite." + format + (query < 0 ? "" : searchPageUrl[query..]);
    }

    /// <summary>A source's markdown: its file name, which ends in .md, with the rest percent-encoded.</summary>
    public static string Seed(string sourceName) =>
        "/export/" + Uri.EscapeDataString(Path.GetFileNameWithoutExtension(sourceName)) + ".md";

    /// <summary>The citation formats as the Cite menus name them, with their URL suffix.</summary>
    public static IReadOnlyList<(string Format, string Name)> CitationFormats { get; } = [("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")];
}
