using System.Globalization;
using System.Text;
using Catalog.Web.Search;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>
/// The app's match syntax (FTS5's subset: quoted terms, a trailing <c>*</c>, AND, OR, NOT, parentheses; see
/// <see cref="ISearchDialect"/>) as a PostgreSQL <c>tsquery</c> for <c>to_tsquery</c>: a quoted term becomes its words
/// joined by <c>&lt;-&gt;</c> (a phrase, as FTS5 reads a quoted string; CJK characters are one word each), its last word
/// <c>:*</c> when it is a prefix; AND is <c>&amp;</c>, OR <c>|</c>, <c>a NOT b</c> is <c>a &amp; !b</c>. Every word is
/// quoted as a lexeme, so no text of the person's is ever tsquery syntax.
/// </summary>
public static class TsQuery
{
    public static string FromFts5(string expression)
    {
        var tokens = Tokenize(expression);
        var at = 0;
        var query = Or(tokens, ref at);
        return query ?? "";
    }

    /// <summary>
    /// Text as the words FTS5's unicode61 tokenizer (remove_diacritics) finds in it: folded, and everything that is not a
    /// letter, a number or a private-use character (punctuation, symbols, the zero-width space of CJK segmentation) a space.
    /// </summary>
    public static string Words(string text)
    {
        var folded = SearchText.Fold(text);
        var sb = new StringBuilder(folded.Length);
        var space = true;
        foreach (var rune in folded.EnumerateRunes())
        {
            if (IsTokenRune(rune))
            {
                sb.Append(rune.ToString());
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static bool IsTokenRune(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.PrivateUse;

    private sealed record Token(string Kind, string Text = "");

    // OR binds loosest, then AND (written or implied by adjacency), then NOT, as in FTS5.
    private static string? Or(List<Token> tokens, ref int at)
    {
        var left = And(tokens, ref at);
        while (at < tokens.Count && tokens[at].Kind == "OR")
        {
            at++;
            var right = And(tokens, ref at);
            left = left is null ? right : right is null ? left : $"({left} | {right})";
        }

        return left;
    }

    private static string? And(List<Token> tokens, ref int at)
    {
        var left = Not(tokens, ref at);
        while (at < tokens.Count && tokens[at].Kind is "AND" or "(" or "term")
        {
            if (tokens[at].Kind == "AND")
            {
                at++;
            }

            var right = Not(tokens, ref at);
            left = left is null ? right : right is null ? left : $"({left} & {right})";
        }

        return left;
    }

    private static string? Not(List<Token> tokens, ref int at)
    {
        var left = Primary(tokens, ref at);
        while (at < tokens.Count && tokens[at].Kind == "NOT")
        {
            at++;
            var right = Primary(tokens, ref at);
            left = right is null ? left : left is null ? null : $"({left} & !{right})";
        }

        return left;
    }

    private static string? Primary(List<Token> tokens, ref int at)
    {
        if (at >= tokens.Count)
        {
            return null;
        }

        var token = tokens[at++];
        if (token.Kind == "(")
        {
            var inner = Or(tokens, ref at);
            if (at < tokens.Count && tokens[at].Kind == ")")
            {
                at++;
            }

            return inner;
        }

        if (token.Kind != "term")
        {
            return null;
        }

        var prefix = at < tokens.Count && tokens[at].Kind == "*";
        at += prefix ? 1 : 0;
        var words = Words(token.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        var lexemes = words.Select(w => "'" + w.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'").ToArray();
        if (prefix)
        {
            lexemes[^1] += ":*";
        }

        return lexemes.Length == 1 ? lexemes[0] : "(" + string.Join(" <-> ", lexemes) + ")";
    }

    private static List<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '*')
            {
                tokens.Add(new Token(c.ToString()));
                i++;
            }
            else if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < expression.Length)
                {
                    if (expression[i] == '"')
                    {
                        if (i + 1 < expression.Length && expression[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(expression[i++]);
                }

                tokens.Add(new Token("term", sb.ToString()));
            }
            else
            {
                var start = i;
                while (i < expression.Length && !char.IsWhiteSpace(expression[i]) && expression[i] is not ('(' or ')' or '"' or '*'))
                {
                    i++;
                }

                var word = expression[start..i];
                tokens.Add(word is "AND" or "OR" or "NOT" ? new Token(word) : new Token("term", word));
            }
        }

        return tokens;
    }
}
