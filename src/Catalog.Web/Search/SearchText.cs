using System.Text;
using System.Text.RegularExpressions;

namespace Catalog.Web.Search;

/// <summary>
/// How text is prepared for the FTS5 index and for queries, so both sides agree. Scripts written without spaces
/// (Chinese, Japanese, Korean) are split into one token per character: a query for any run of characters, even two
/// ("知乎"), becomes a phrase of single-character tokens, which matches exactly that substring.
/// </summary>
public static partial class SearchText
{
    /// <summary>Puts a space around every CJK character so that unicode61 indexes each one as a token.</summary>
    public static string Segment(string text)
    {
        if (!text.Any(IsCjk))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                sb.Append(' ').Append(c).Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Undoes <see cref="Segment"/> for display: removes the spaces it put between CJK characters.</summary>
    public static string Unsegment(string text, params char[] transparent) =>
        text.Any(IsCjk) ? UnsegmentCore(text, transparent) : text;

    /// <summary>A URL as words: host labels, path segments, query values, an arXiv id whole ("1811.03962").</summary>
    public static string UrlWords(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return WordSplit().Replace(url, " ").Trim();
        }

        var words = new List<string> { uri.Host };
        words.AddRange(uri.Host.Split('.'));
        var path = Uri.UnescapeDataString(uri.AbsolutePath + " " + uri.Query);
        words.AddRange(ArxivId().Matches(path).Select(m => m.Value));
        words.Add(WordSplit().Replace(path, " "));
        return string.Join(' ', words.Where(w => w.Length > 0));
    }

    public static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF'      // Hiragana, Katakana
            or >= '\u3400' and <= '\u4DBF'    // CJK extension A
            or >= '\u4E00' and <= '\u9FFF'    // CJK unified ideographs
            or >= '\uAC00' and <= '\uD7AF'    // Hangul syllables
            or >= '\uF900' and <= '\uFAFF';   // CJK compatibility ideographs

    private static string UnsegmentCore(string text, char[] transparent)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && IsCjk(Neighbour(text, i, -1, transparent)) && IsCjk(Neighbour(text, i, +1, transparent)))
            {
                continue;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    // The nearest character in a direction that is neither a space nor a marker (e.g. highlight delimiters).
    private static char Neighbour(string text, int i, int step, char[] transparent)
    {
        for (var j = i + step; j >= 0 && j < text.Length; j += step)
        {
            if (text[j] != ' ' && Array.IndexOf(transparent, text[j]) < 0)
            {
                return text[j];
            }
        }

        return ' ';
    }

    [GeneratedRegex(@"\d{4}\.\d{4,5}")]
    private static partial Regex ArxivId();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex WordSplit();
}
