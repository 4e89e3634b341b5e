namespace Catalog.Web.Search;

/// <summary>
/// Snippet text to safe HTML: markers (private-use characters, never in indexed text) are placed by the database
/// (FTS5's snippet() on SQLite, ts_headline on PostgreSQL), the text is HTML-encoded, and only then do the markers
/// become &lt;mark&gt; tags. CJK segmentation is undone.
/// </summary>
public static class Snippets
{
    /// <remarks>Measured, then written once into a string of that length: a page writes twenty.</remarks>
    public static string ToHtml(string snippet)
    {
        var text = SearchText.Unsegment(snippet);
        var length = 0;
        foreach (var c in text)
        {
            length += Html(c)?.Length ?? 1;
        }

        return length == text.Length ? text : string.Create(length, text, static (html, text) =>
        {
            var at = 0;
            foreach (var c in text)
            {
                if (Html(c) is { } written)
                {
                    written.CopyTo(html[at..]);
                    at += written.Length;
                }
                else
                {
                    html[at++] = c;
                }
            }
        });
    }

    private static string? Html(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        SearchText.MarkStart => "<mark>",
        SearchText.MarkEnd => "</mark>",
        _ => null,
    };
}
