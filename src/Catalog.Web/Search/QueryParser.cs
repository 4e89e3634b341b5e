using System.Text;

namespace Catalog.Web.Search;

/// <summary>
/// Turns anything a person can type into a <see cref="SearchQuery"/>; it never fails. The syntax (docs/search.md):
/// words must all match; <c>"a phrase"</c> matches words in that order; <c>a OR b</c> matches either;
/// <c>-word</c> or <c>NOT word</c> excludes; <c>word*</c> matches words starting so; the last word is a prefix while
/// typing (no space after it). <c>AND</c> between words is what happens anyway. Everything else (<c>( ) : ^ NEAR</c>,
/// SQL, symbols) is plain text: punctuation separates words, as in the index.
/// </summary>
public static class QueryParser
{
    /// <summary>Longer input is cut here; no real query needs more and it bounds the work per request.</summary>
    public const int MaxLength = 500;

    /// <summary>At most this many terms; the rest are ignored.</summary>
    public const int MaxTerms = 24;

    /// <summary>
    /// At most this many terms match as prefixes (FTS5 expands each into every indexed word it begins, which on a large
    /// catalog is the bulk of a query's work); later ones match as whole words.
    /// </summary>
    public const int MaxPrefixTerms = 4;

    private sealed record Token(string Text, bool IsPhrase, bool Excluded, bool Prefix, bool SpaceAfter);

    public static SearchQuery Parse(string? input)
    {
        var tokens = Tokenize(Clean(input ?? ""));
        var groups = new List<List<SearchTerm>>();
        var excluded = new List<SearchTerm>();
        var joinNext = false;

        // A term repeated adds nothing to what matches, only work: "x* x* x*" is "x*".
        var seen = new HashSet<(string, bool, bool, bool)>();
        var prefixes = 0;
        for (var i = 0; i < tokens.Count && groups.Sum(g => g.Count) + excluded.Count < MaxTerms; i++)
        {
            var token = tokens[i];
            var between = groups.Count > 0 && i + 1 < tokens.Count;
            if (!token.IsPhrase && !token.Excluded && token.Text == "OR" && between)
            {
                joinNext = true;
                continue;
            }

            if (!token.IsPhrase && !token.Excluded && token.Text == "AND" && between)
            {
                continue;
            }

            var negated = token.Excluded;
            if (!token.IsPhrase && !token.Excluded && token.Text == "NOT" && i + 1 < tokens.Count)
            {
                token = tokens[++i];
                negated = true;
            }

            if (!SearchText.HasTokens(token.Text))
            {
                continue;
            }

            var isLast = i == tokens.Count - 1;
            var typing = isLast && !token.IsPhrase && !negated && !token.SpaceAfter
                && SearchText.TokenCharCount(token.Text) >= 2 && !SearchText.IsCjk(token.Text[^1]);
            var prefix = (token.Prefix || typing) && prefixes < MaxPrefixTerms;
            var term = new SearchTerm(token.Text, token.IsPhrase, prefix, prefix && typing && !token.Prefix);
            if (!seen.Add((SearchText.Fold(token.Text), token.IsPhrase, prefix, negated)))
            {
                joinNext = false;
                continue;
            }

            prefixes += prefix ? 1 : 0;
            if (negated)
            {
                excluded.Add(term);
            }
            else if (joinNext && groups.Count > 0)
            {
                groups[^1].Add(term);
            }
            else
            {
                groups.Add([term]);
            }

            joinNext = false;
        }

        return groups.Count == 0 ? SearchQuery.Empty : new SearchQuery(groups, excluded);
    }

    // Control characters (NUL included), unpaired surrogates and the highlight markers become spaces; the input is
    // cut at MaxLength without splitting a surrogate pair.
    private static string Clean(string input)
    {
        var sb = new StringBuilder(Math.Min(input.Length, MaxLength));
        for (var i = 0; i < input.Length && sb.Length < MaxLength; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                if (sb.Length + 2 > MaxLength)
                {
                    break;
                }

                sb.Append(c).Append(input[++i]);
            }
            else
            {
                sb.Append(char.IsControl(c) || char.IsSurrogate(c) || c is SearchText.MarkStart or SearchText.MarkEnd ? ' ' : c);
            }
        }

        return sb.ToString();
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var excluded = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (excluded)
            {
                i++;
            }

            var phrase = text[i] == '"';
            var start = phrase ? i + 1 : i;
            var end = phrase ? IndexOrEnd(text, '"', start) : WordEnd(text, start);
            var word = text[start..end];
            i = phrase ? Math.Min(end + 1, text.Length) : end;
            var prefix = !phrase && word.EndsWith('*');
            tokens.Add(new Token(prefix ? word.TrimEnd('*') : word, phrase, excluded, prefix, i < text.Length && char.IsWhiteSpace(text[i])));
        }

        return tokens;
    }

    private static int IndexOrEnd(string text, char c, int start)
    {
        var index = text.IndexOf(c, start);
        return index < 0 ? text.Length : index;
    }

    // A word runs to the next space or quote.
    private static int WordEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
        {
            end++;
        }

        return end;
    }
}
