using Catalog.Web.Import;

namespace Catalog.Web.Pages.Topics;

/// <summary>How a topic page names a figure: its kept copy's address, or the words of a link to one not kept yet.</summary>
public static class KeptFigure
{
    public static string Href(string sha256) => "/figures/" + sha256;

    /// <summary>"Figure: A plot (example.org)": what the figure shows, and the site a reader would leave for.</summary>
    public static string LinkText(string? alt, string src)
    {
        var what = string.IsNullOrWhiteSpace(alt) ? "Figure" : alt.StartsWith("Figure", StringComparison.OrdinalIgnoreCase) ? alt : "Figure: " + alt;
        return $"{what} ({Urls.HostOf(src)})";
    }
}
