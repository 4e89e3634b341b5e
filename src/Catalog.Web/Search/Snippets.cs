using System.Buffers;

namespace Catalog.Web.Search;

/// <summary>
/// Snippet text to safe HTML: markers (private-use characters, never in indexed text) are placed by the database
/// (FTS5's snippet() on SQLite, ts_headline on PostgreSQL), the text is HTML-encoded, and only then do the markers
/// become &lt;mark&gt; tags. CJK segmentation is undone.
/// </summary>
public static class Snippets
{
    // What Html changes, found from Html itself.
    private static readonly SearchValues<char> s_changed =
        SearchValues.Create([.. Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(c => (char)c).Where(c => Html(c) is not null)]);

    /// <remarks>
    /// Measured, then written once into a string of that length: a page writes twenty. The characters that change are
    /// found a vector at a time; the text between them is copied whole.
    /// </remarks>
    public static string ToHtml(string snippet)
    {
        var text = SearchText.Unsegment(snippet);
        var length = text.Length;
        for (var at = text.AsSpan().IndexOfAny(s_changed); at >= 0; at = Next(text, at))
        {
            length += Html(text[at])!.Length - 1;
        }

        return length == text.Length ? text : string.Create(length, text, static (html, text) =>
        {
            var (from, written) = (0, 0);
            for (var at = text.AsSpan().IndexOfAny(s_changed); at >= 0; at = Next(text, at))
            {
                text.AsSpan(from, at - from).CopyTo(html[written..]);
                written += at - from;
                var replacement = Html(text[at])!;
                replacement.CopyTo(html[written..]);
                written += replacement.Length;
                from = at + 1;
            }

            text.AsSpan(from).CopyTo(html[written..]);
        });
    }

    // The next character that changes after the one at `at`, or -1.
    private static int Next(string text, int at) => text.AsSpan(at + 1).IndexOfAny(s_changed) is var next and >= 0 ? at + 1 + next : -1;

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
