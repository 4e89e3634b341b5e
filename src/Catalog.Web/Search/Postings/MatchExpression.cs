using System.Text;

namespace Catalog.Web.Search.Postings;

/// <summary>
/// A match expression in the app's syntax (<see cref="ISearchDialect"/>: quoted strings, a trailing <c>*</c>, AND, OR,
/// NOT, parentheses, words side by side meaning AND), parsed into a tree. Only what the app writes is read: an
/// operator mixed with another without parentheses, or anything else FTS5 would accept, is not parsed, and the
/// expression is left to the database.
/// </summary>
public abstract record MatchExpression
{
    /// <summary>A quoted string, its text unescaped; <paramref name="IsPrefix"/> when a <c>*</c> follows it.</summary>
    public sealed record Phrase(string Text, bool IsPrefix) : MatchExpression;

    public sealed record And(IReadOnlyList<MatchExpression> Operands) : MatchExpression;

    public sealed record Or(IReadOnlyList<MatchExpression> Operands) : MatchExpression;

    /// <summary>The documents of <paramref name="Left"/> that <paramref name="Right"/> does not match.</summary>
    public sealed record Not(MatchExpression Left, MatchExpression Right) : MatchExpression;

    /// <summary>The tree, or null when the text is not written as the app writes expressions.</summary>
    public static MatchExpression? Parse(string text)
    {
        var tokens = Tokenize(text);
        if (tokens is null)
        {
            return null;
        }

        var position = 0;
        var expression = ParseSequence(tokens, ref position);
        return position == tokens.Count ? expression : null;
    }

    /// <summary>The phrases in the order they are written, as FTS5 numbers them (bm25 sums them in this order).</summary>
    public IEnumerable<Phrase> Phrases() => this switch
    {
        Phrase phrase => [phrase],
        And and => and.Operands.SelectMany(o => o.Phrases()),
        Or or => or.Operands.SelectMany(o => o.Phrases()),
        Not not => not.Left.Phrases().Concat(not.Right.Phrases()),
        _ => [],
    };

    private readonly record struct Token(string Kind, string Text = "");

    // Operands joined by one kind of operator (side by side is AND); NOT chains to the left.
    private static MatchExpression? ParseSequence(List<Token> tokens, ref int position)
    {
        var operands = new List<MatchExpression>();
        string? op = null;
        while (position < tokens.Count && tokens[position].Kind != ")")
        {
            if (operands.Count > 0)
            {
                var next = tokens[position].Kind is "AND" or "OR" or "NOT" ? tokens[position++].Kind : "AND";
                if (op is not null && op != next || next == "NOT" && operands.Count > 1)
                {
                    return null;
                }

                op = next;
            }

            if (ParseOperand(tokens, ref position) is not { } operand)
            {
                return null;
            }

            if (op == "NOT")
            {
                operands[0] = new Not(operands[0], operand);
                continue;
            }

            operands.Add(operand);
        }

        return operands.Count switch
        {
            0 => null,
            1 => operands[0],
            _ => op == "OR" ? new Or(operands) : new And(operands),
        };
    }

    private static MatchExpression? ParseOperand(List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            return null;
        }

        var token = tokens[position++];
        if (token.Kind == "string")
        {
            var prefix = position < tokens.Count && tokens[position].Kind == "*";
            position += prefix ? 1 : 0;
            return new Phrase(token.Text, prefix);
        }

        if (token.Kind != "(")
        {
            return null;
        }

        var inner = ParseSequence(tokens, ref position);
        return inner is not null && position < tokens.Count && tokens[position++].Kind == ")" ? inner : null;
    }

    private static List<Token>? Tokenize(string text)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == ' ')
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
                var value = new StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= text.Length)
                    {
                        return null;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            value.Append('"');
                            i++;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i]);
                }

                tokens.Add(new Token("string", value.ToString()));
            }
            else
            {
                var end = i;
                while (end < text.Length && char.IsAsciiLetterUpper(text[end]))
                {
                    end++;
                }

                var word = text[i..end];
                if (word is not ("AND" or "OR" or "NOT"))
                {
                    return null;
                }

                tokens.Add(new Token(word));
                i = end;
            }
        }

        // A star stands only after a string.
        return tokens.Where((t, k) => t.Kind == "*" && (k == 0 || tokens[k - 1].Kind != "string")).Any() ? null : tokens;
    }
}
