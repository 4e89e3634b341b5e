using System.Text;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax.Inlines;

namespace Catalog.Web.Import;

/// <summary>Plain text of Markdig inlines, whitespace folded: what a reader sees, without markup.</summary>
public static class InlineText
{
    public static string Of(Inline? inline, Func<Inline, bool>? skip = null)
    {
        var sb = new StringBuilder();
        Append(sb, inline, skip);
        return Fold(sb.ToString());
    }

    /// <summary>Collapses runs of white space to one space and trims.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
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

    private static void Append(StringBuilder sb, Inline? inline, Func<Inline, bool>? skip)
    {
        if (inline is null || skip?.Invoke(inline) == true)
        {
            return;
        }

        switch (inline)
        {
            case LiteralInline literal:
                sb.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                sb.Append(code.Content);
                break;
            case MathInline math:
                sb.Append('$').Append(math.Content.AsSpan()).Append('$');
                break;
            case LineBreakInline:
                sb.Append(' ');
                break;
            case HtmlEntityInline entity:
                sb.Append(entity.Transcoded.AsSpan());
                break;
            case AutolinkInline autolink:
                sb.Append(autolink.Url);
                break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    Append(sb, child, skip);
                }

                break;
        }
    }
}
