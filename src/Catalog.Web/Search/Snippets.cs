using System.Text;

namespace Catalog.Web.Search;

/// <summary>
/// Snippet text to safe HTML: markers (private-use characters, never in indexed text) are placed by the database
/// (FTS5's snippet() on SQLite, ts_headline on PostgreSQL), the text is HTML-encoded, and only then do the markers
/// become &lt;mark&gt; tags. CJK segmentation is undone.
/// </summary>
public static class Snippets
{
    public static string ToHtml(string snippet)
    {
        var text = SearchText.Unsegment(snippet);
        var sb = new StringBuilder(text.Length + 32);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                '\'' => sb.Append("&#39;"),
                SearchText.MarkStart => sb.Append("<mark>"),
                SearchText.MarkEnd => sb.Append("</mark>"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }
}
