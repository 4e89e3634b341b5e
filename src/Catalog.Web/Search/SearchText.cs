using System.Globalization;
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
    /// <summary>Private-use characters that FTS5's snippet() (PostgreSQL's ts_headline) puts around matches (never in indexed text).</summary>
    public const char MarkStart = '\uE000';

    public const char MarkEnd = '\uE001';

    /// <summary>
    /// What <see cref="Segment"/> puts between characters: a zero-width space, a separator to unicode61 (category Cf)
    /// that no one types, so display can take every one out again and get the text exactly as written.
    /// </summary>
    public const char SegmentSeparator = '\u200B';

    /// <summary>Separates every CJK character from its neighbours, so that unicode61 indexes each one as a token.</summary>
    public static string Segment(string text)
    {
        if (!text.Any(IsCjk))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && (IsCjk(text[i]) || IsCjk(text[i - 1])) && !char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
            {
                sb.Append(SegmentSeparator);
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    /// <summary>Undoes <see cref="Segment"/> for display.</summary>
    public static string Unsegment(string text) =>
        text.Contains(SegmentSeparator, StringComparison.Ordinal) ? text.Replace(SegmentSeparator.ToString(), "", StringComparison.Ordinal) : text;

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

    /// <summary>The text with unpaired surrogates replaced by U+FFFD, so it can be encoded (JSON, UTF-8) as is.</summary>
    public static string ValidUtf16(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            sb.Append(rune.ToString());
        }

        return sb.ToString();
    }

    /// <summary>Removes the highlight markers, so a stray one in the catalog cannot open a &lt;mark&gt;.</summary>
    public static string WithoutMarkers(string text) =>
        text.AsSpan().IndexOfAny(MarkStart, MarkEnd) < 0 ? text : text.Replace(MarkStart.ToString(), "").Replace(MarkEnd.ToString(), "");

    /// <summary>Lower case without diacritics, as the unicode61 tokenizer with remove_diacritics folds a token.</summary>
    public static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// True when the tokenizer finds at least one token in the text: unicode61 keeps letters, numbers and private-use
    /// characters and treats everything else (punctuation, symbols, emoji) as separators.
    /// </summary>
    public static bool HasTokens(string text) => TokenCharCount(text) > 0;

    /// <summary>How many characters of the text the tokenizer keeps ("(a" has one).</summary>
    public static int TokenCharCount(string text) =>
        text.EnumerateRunes().Count(r => IsTokenCategory(Rune.GetUnicodeCategory(r)));

    /// <summary>True when every character of the text belongs to a token: it is one word to the tokenizer.</summary>
    public static bool IsSingleToken(string text) =>
        text.Length > 0 && text.EnumerateRunes().All(r => IsTokenCategory(Rune.GetUnicodeCategory(r)) && !(r.IsBmp && IsCjk((char)r.Value)));

    public static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF'      // Hiragana, Katakana
            or >= '\u3400' and <= '\u4DBF'    // CJK extension A
            or >= '\u4E00' and <= '\u9FFF'    // CJK unified ideographs
            or >= '\uAC00' and <= '\uD7AF'    // Hangul syllables
            or >= '\uF900' and <= '\uFAFF';   // CJK compatibility ideographs

    private static bool IsTokenCategory(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.PrivateUse;

    [GeneratedRegex(@"\d{4}\.\d{4,5}")]
    private static partial Regex ArxivId();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex WordSplit();
}
