using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Catalog.Web.Import;

/// <summary>What a paragraph's inlines are made of: its links, whether it is a quote, the words beside its links.</summary>
internal static class Paragraphs
{
    /// <summary>
    /// Every inline under the container, depth first in document order: Markdig's <c>Descendants</c>, gathered once
    /// per paragraph into one list instead of an iterator and a stack for each question asked of it.
    /// </summary>
    public static List<Inline> Inlines(ContainerInline? paragraph)
    {
        var inlines = new List<Inline>();
        Gather(paragraph, inlines);
        return inlines;
    }

    /// <summary>The links of a paragraph (markdown, angle-bracket and bare), in order; images are not links.</summary>
    public static List<Inline> Links(List<Inline> inlines) => inlines.Where(IsLink).ToList();

    public static bool IsLink(Inline inline) => inline is AutolinkInline or LinkInline { IsImage: false };

    /// <summary>A URL written as itself, not as [text](url).</summary>
    public static bool IsBare(Inline inline) => inline is AutolinkInline or LinkInline { IsAutoLink: true };

    /// <summary>
    /// A quote is a paragraph that is exactly one [text](url) with long text and nothing else: no words, images or
    /// HTML beside it (they would be lost with the paragraph).
    /// </summary>
    public static bool IsQuote(ContainerInline? paragraph, List<Inline> inlines, out LinkInline link)
    {
        link = null!;
        if (paragraph is null || Links(inlines) is not [LinkInline { IsAutoLink: false, Url: not null } only]
            || inlines.Any(i => i is HtmlInline or LinkInline { IsImage: true })
            || TextBesideLinks(paragraph).Length > 0)
        {
            return false;
        }

        link = only;
        return InlineText.Of(only).Length >= SeedParser.QuoteMinLength;
    }

    public static string TextBesideLinks(ContainerInline? paragraph) => InlineText.Of(paragraph, IsLink);

    public static bool HasWords(string text) => text.Any(char.IsLetterOrDigit);

    /// <summary>"Title - ", "Slides:", "资源：" without the separator that led to the URL.</summary>
    public static string TrimSeparators(string text) => text.Trim().Trim('-', '–', '—', ':', '：', '|', ',', '，', '·', ' ');

    private static void Gather(ContainerInline? container, List<Inline> inlines)
    {
        for (var child = container?.FirstChild; child is not null; child = child.NextSibling)
        {
            inlines.Add(child);
            if (child is ContainerInline inner)
            {
                Gather(inner, inlines);
            }
        }
    }
}
