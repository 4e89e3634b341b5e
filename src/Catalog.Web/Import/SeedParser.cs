using AngleSharp.Html.Parser;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Catalog.Web.Import;

/// <summary>
/// Turns seed markdown into topics, links, quotes and images: a pure function of the text, walking Markdig's AST.
/// Headings are topics (nested by level, skipped levels tolerated); everything up to the next heading belongs to the
/// topic above it.
/// </summary>
public static class SeedParser
{
    /// <summary>A paragraph that is one link with at least this much text is a quote (an abstract from its source).</summary>
    public const int QuoteMinLength = 100;

    private const int ContextMaxLength = 400;
    private static readonly HtmlParser s_htmlParser = new();

    public static ParsedCatalog Parse(string markdown, string sourceName)
    {
        var walker = new Walker(Clean(markdown, out var hadNul), sourceName);
        if (hadNul)
        {
            walker.Warnings.Add("The file contains NUL characters; they were replaced with U+FFFD.");
        }

        return walker.Run();
    }

    private static string Clean(string markdown, out bool hadNul)
    {
        if (markdown.Length > 0 && markdown[0] == '\uFEFF')
        {
            markdown = markdown[1..];
        }

        hadNul = markdown.Contains('\0', StringComparison.Ordinal);
        return hadNul ? markdown.Replace('\0', '\uFFFD') : markdown;
    }

    private enum Where
    {
        Top,
        List,
        Table,
        BlockQuote,
    }

    private sealed class Walker(string markdown, string sourceName)
    {
        private readonly List<TopicBuilder> _topics = [];
        private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
        private TopicBuilder? _current;
        private int _position;
        private int _headings;

        public List<string> Warnings { get; } = [];

        public ParsedCatalog Run()
        {
            var document = Markdown.Parse(markdown, CatalogMarkdown.Pipeline);
            foreach (var block in document)
            {
                Visit(block, Where.Top);
            }

            var topics = _topics.Select(t => t.Build()).ToList();
            foreach (var empty in topics.Where(t => t.Links.Count == 0 && t.Quotes.Count == 0 && t.Images.Count == 0
                         && t.IntroMarkdown.Length == 0 && !topics.Any(c => c.ParentSlug == t.Slug)))
            {
                Warnings.Add($"Topic \"{empty.Title}\" is empty.");
            }

            return new ParsedCatalog(topics, _headings, Warnings);
        }

        private void Visit(Block block, Where where)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    StartTopic(heading);
                    break;
                case ParagraphBlock paragraph:
                    Paragraph(paragraph, where);
                    break;
                case HtmlBlock html:
                    Images(html.Lines.ToString());
                    break;
                case MathBlock math when where == Where.Top:
                    Current().Intro(Source(math));
                    break;
                case Table table:
                    foreach (var cell in table.Descendants<TableCell>())
                    {
                        foreach (var child in cell)
                        {
                            Visit(child, Where.Table);
                        }
                    }

                    break;
                case QuoteBlock quote:
                    if (where == Where.Top)
                    {
                        Current().Intro(Source(quote));
                    }

                    foreach (var child in quote)
                    {
                        Visit(child, where == Where.Top ? Where.BlockQuote : where);
                    }

                    break;
                case ListBlock or ListItemBlock:
                    foreach (var child in (ContainerBlock)block)
                    {
                        Visit(child, where is Where.Top or Where.BlockQuote ? Where.List : where);
                    }

                    break;
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        Visit(child, where);
                    }

                    break;
            }
        }

        private void StartTopic(HeadingBlock heading)
        {
            _headings++;
            var title = InlineText.Of(heading.Inline);
            var parent = _topics.LastOrDefault(t => t.Level < heading.Level && !t.IsPreamble);
            var slug = Slugs.Unique(Slugs.From(title), _slugs);
            _current = new TopicBuilder(slug, title.Length == 0 ? "(untitled)" : title, heading.Level, parent?.Slug, _topics.Count, false);
            _topics.Add(_current);
            Inlines(heading.Inline, Where.Top, LinkPlace.Heading, null);
        }

        // Content before the first heading still belongs somewhere: a topic named after the source file.
        private TopicBuilder Current()
        {
            if (_current is null)
            {
                var title = Path.GetFileNameWithoutExtension(sourceName);
                _current = new TopicBuilder(Slugs.Unique(Slugs.From(title), _slugs), title, 1, null, 0, true);
                _topics.Add(_current);
            }

            return _current;
        }

        private void Paragraph(ParagraphBlock paragraph, Where where)
        {
            var links = LinksOf(paragraph.Inline).ToList();
            var text = InlineText.Of(paragraph.Inline);
            if (where is Where.Top && IsQuote(paragraph.Inline, links, out var quoteLink))
            {
                var quoteText = InlineText.Of(quoteLink);
                if (AddLink(quoteLink.Url!, InlineText.Truncate(quoteText, 120), null, LinkPlace.Quote) is { } url)
                {
                    Current().Quotes.Add(new ParsedQuote(quoteText, url, ++_position));
                }

                return;
            }

            var textBesideLinks = InlineText.Of(paragraph.Inline, i => IsLink(i));
            var place = where switch
            {
                Where.List => LinkPlace.List,
                Where.Table => LinkPlace.Table,
                _ => LinkPlace.Prose,
            };

            // "Some title\nhttps://..." : a lone bare URL takes the paragraph's own words as its label.
            var lonelyBareLink = links.Count == 1 && IsBare(links[0]) && HasWords(textBesideLinks);
            if (where == Where.Top && HasWords(textBesideLinks) && !lonelyBareLink)
            {
                Current().Intro(Source(paragraph));
            }

            var label = lonelyBareLink ? TrimSeparators(textBesideLinks) : null;
            Inlines(paragraph.Inline, where, place, text, label);
        }

        private void Inlines(ContainerInline? container, Where where, LinkPlace place, string? context, string? bareLabel = null)
        {
            if (container is null)
            {
                return;
            }

            foreach (var inline in container.Descendants<Inline>())
            {
                switch (inline)
                {
                    case LinkInline { IsImage: true } image:
                        Current().Images.Add(new ParsedImage(image.Url ?? "", NullIfEmpty(InlineText.Of(image)), null, ++_position));
                        break;
                    case LinkInline link:
                        var label = IsBare(link) ? bareLabel ?? link.Url ?? "" : InlineText.Of(link);
                        if (label.Length == 0)
                        {
                            label = link.Descendants<LinkInline>().FirstOrDefault(i => i.IsImage) is { } img && InlineText.Of(img) is { Length: > 0 } alt
                                ? alt
                                : link.Url ?? "";
                        }

                        AddLink(link.Url ?? "", label, ContextFor(context, label), place);
                        break;
                    case AutolinkInline autolink:
                        var url = autolink.IsEmail && !autolink.Url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
                            ? "mailto:" + autolink.Url
                            : autolink.Url;
                        AddLink(url, bareLabel ?? autolink.Url, ContextFor(context, bareLabel ?? autolink.Url), place);
                        break;
                    case HtmlInline html:
                        Images(html.Tag);
                        break;
                }
            }
        }

        private string? AddLink(string rawUrl, string label, string? context, LinkPlace place)
        {
            rawUrl = rawUrl.Trim();
            if (!Urls.IsResource(rawUrl))
            {
                return null;
            }

            var topic = Current();
            if (!Urls.IsSafe(rawUrl))
            {
                Warnings.Add($"Unsafe URL kept as text in \"{topic.Title}\": {InlineText.Truncate(rawUrl, 80)}");
                return null;
            }

            var url = Urls.Normalize(rawUrl);
            topic.Links.Add(new ParsedLink(url, rawUrl, label.Length == 0 ? rawUrl : label, context, place, ++_position));
            return url;
        }

        private void Images(string html)
        {
            if (!html.Contains("<img", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var document = s_htmlParser.ParseDocument(html);
            foreach (var img in document.QuerySelectorAll("img"))
            {
                var src = img.GetAttribute("src") ?? "";
                Current().Images.Add(new ParsedImage(src.Trim(), NullIfEmpty(img.GetAttribute("alt")), NullIfEmpty(img.GetAttribute("width")), ++_position));
                if (src.Length > 0 && Urls.IsResource(src) && !Urls.IsSafe(src))
                {
                    Warnings.Add($"Unsafe image source in \"{Current().Title}\": {InlineText.Truncate(src, 80)}");
                }
            }
        }

        private string Source(Block block) =>
            block.Span.Start >= 0 && block.Span.End < markdown.Length ? markdown.Substring(block.Span.Start, block.Span.Length) : "";

        private static string? ContextFor(string? context, string label) =>
            context is null || context == label || context.Length <= label.Length ? null : InlineText.Truncate(context, ContextMaxLength);

        private static IEnumerable<Inline> LinksOf(ContainerInline? container) =>
            container?.Descendants<Inline>().Where(IsLink) ?? [];

        private static bool IsLink(Inline inline) => inline is AutolinkInline or LinkInline { IsImage: false };

        private static bool IsBare(Inline inline) => inline is AutolinkInline or LinkInline { IsAutoLink: true };

        private static bool IsQuote(ContainerInline? inline, List<Inline> links, out LinkInline link)
        {
            link = null!;
            if (inline is null || links is not [LinkInline { IsAutoLink: false, Url: not null } only])
            {
                return false;
            }

            var outside = InlineText.Of(inline, i => i == only);
            link = only;
            return outside.Length == 0 && InlineText.Of(only).Length >= QuoteMinLength;
        }

        private static bool HasWords(string text) => text.Any(char.IsLetterOrDigit);

        private static string TrimSeparators(string text) => text.Trim().Trim('-', '–', '—', ':', '：', '|', ',', '，', '·', ' ');

        private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private sealed class TopicBuilder(string slug, string title, int level, string? parentSlug, int position, bool isPreamble)
    {
        private readonly List<string> _intro = [];

        public string Slug => slug;

        public string Title => title;

        public int Level => level;

        public bool IsPreamble => isPreamble;

        public List<ParsedLink> Links { get; } = [];

        public List<ParsedQuote> Quotes { get; } = [];

        public List<ParsedImage> Images { get; } = [];

        public void Intro(string markdownSource)
        {
            if (!string.IsNullOrWhiteSpace(markdownSource))
            {
                _intro.Add(markdownSource.Trim());
            }
        }

        public ParsedTopic Build()
        {
            var intro = string.Join("\n\n", _intro);
            var html = intro.Length == 0 ? "" : HtmlSanitizer.Sanitize(Markdown.ToHtml(intro, CatalogMarkdown.Pipeline));
            return new ParsedTopic(slug, title, level, parentSlug, position, intro, html, Links, Quotes, Images);
        }
    }
}
