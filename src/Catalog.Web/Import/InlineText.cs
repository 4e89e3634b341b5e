using System.Text;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax.Inlines;

namespace Catalog.Web.Import;

/// <summary>Plain text of Markdig inlines, whitespace folded: what a reader sees, without markup.</summary>
public static class InlineText
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Of(Inline? inline, Func<Inline, bool>? skip = null)
    {
        // Folded while it is gathered, in a builder kept per thread: an import takes the text of every paragraph and
        // link, and an intermediate string per call was most of what the walk allocated.
        var builder = t_builder ?? new StringBuilder();
        t_builder = null;
        var text = new Folding(builder.Clear());
        Append(ref text, inline, skip);
        var result = builder.ToString();
        t_builder = builder.Capacity <= 64 * 1024 ? builder : null;
        return result;
    }

    /// <summary>Collapses runs of white space to one space and trims.</summary>
    public static string Fold(string text)
    {
        var folded = new Folding(new StringBuilder(text.Length));
        folded.Append(text);
        return folded.ToString();
    }

    /// <summary>Cuts text at a word boundary near <paramref name="max"/> characters and marks the cut with an ellipsis.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1, Math.Min(max, 40));
        return text[..(cut > 0 ? cut : max - 1)].TrimEnd() + "…";
    }

    private static void Append(ref Folding text, Inline? inline, Func<Inline, bool>? skip)
    {
        if (inline is null || skip?.Invoke(inline) == true)
        {
            return;
        }

        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case MathInline math:
                text.Append("$");
                text.Append(math.Content.AsSpan());
                text.Append("$");
                break;
            case LineBreakInline:
                text.Append(" ");
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    Append(ref text, child, skip);
                }

                break;
        }
    }

    /// <summary>Appends text with runs of white space collapsed to one space, none at the start or the end.</summary>
    private struct Folding(StringBuilder builder)
    {
        private bool _space;

        public void Append(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    _space = builder.Length > 0;
                    continue;
                }

                if (_space)
                {
                    builder.Append(' ');
                    _space = false;
                }

                builder.Append(c);
            }
        }

        public override readonly string ToString() => builder.ToString();
    }
}
