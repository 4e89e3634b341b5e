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
    private const int LabelMaxLength = 200;
    private static readonly HtmlParser s_htmlParser = new();

    /// <summary>How deeply lists, quotes and inlines may nest before a file is refused (Markdig's default is 128).</summary>
    public const int MaxNestingDepth = 1000;

    // Markdig, the walk and the sanitizer all recurse once per nesting level: a thread of its own with a large stack
    // lets a 1,000-deep list parse where a thread-pool thread would overflow its stack and kill the process.
    private const int ParserStackBytes = 256 * 1024 * 1024;

    public static ParsedCatalog Parse(string markdown, string sourceName, ParseLimits? limits = null) =>
        ParseAsync(() => markdown, sourceName, limits ?? ParseLimits.Default, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Parses on a thread of its own (see <see cref="ParserStackBytes"/>), so the caller can do other work meanwhile.
    /// </summary>
    /// <param name="markdown">Gives the text, on the parser's thread: decoding and checking a large file is parse work too.</param>
    /// <param name="ct">
    /// Stops the walk between blocks; the task ends as soon as it is cancelled, while Markdig's own parse, which cannot be
    /// interrupted but is kept linear by the <paramref name="limits"/>, finishes in the background.
    /// </param>
    public static Task<ParsedCatalog> ParseAsync(Func<string> markdown, string sourceName, ParseLimits limits, CancellationToken ct)
    {
        var parsed = new TaskCompletionSource<ParsedCatalog>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    parsed.TrySetResult(ParseHere(markdown(), sourceName, limits, ct));
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    parsed.TrySetCanceled(ct);
                }
                catch (Exception e)
                {
                    parsed.TrySetException(e);
                }
            },
            ParserStackBytes)
        {
            IsBackground = true,
            Name = "Seed parser",
        };
        thread.Start();
        return parsed.Task.WaitAsync(ct);
    }

    private static ParsedCatalog ParseHere(string markdown, string sourceName, ParseLimits limits, CancellationToken ct)
    {
        var text = Clean(markdown, out var hadNul);
        SeedPrescan.Check(text, sourceName, limits);
        var walker = new Walker(text, sourceName, limits, ct);
        if (hadNul)
        {
            walker.Warnings.Add("The file contains NUL characters; they were replaced with U+FFFD.");
        }

        try
        {
            return walker.Run();
        }
        catch (ArgumentException e) when (e.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            throw new SeedFileException($"{sourceName}: lists, quotes or links are nested more than {MaxNestingDepth:N0} levels deep.");
        }
    }

    // A BOM and Windows or old Mac line ends are how a file was saved, not what it says: they must not reach labels,
    // contexts or intro markdown.
    private static string Clean(string markdown, out bool hadNul)
    {
        if (markdown.Length > 0 && markdown[0] == '\uFEFF')
        {
            markdown = markdown[1..];
        }

        if (markdown.Contains('\r', StringComparison.Ordinal))
        {
            markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        hadNul = markdown.Contains('\0', StringComparison.Ordinal);
        return hadNul ? markdown.Replace('\0', '\uFFFD') : markdown;
    }

    /// <summary>Reports list at most this many warnings, then how many more there were.</summary>
    public const int MaxWarnings = 200;

    private static List<string> Capped(List<string> warnings) => warnings.Count <= MaxWarnings
        ? warnings
        : [.. warnings.Take(MaxWarnings), $"... and {warnings.Count - MaxWarnings:N0} more warnings."];

    private enum Where
    {
        Top,
        List,
        Table,
        BlockQuote,
    }

    private sealed class Walker(string markdown, string sourceName, ParseLimits limits, CancellationToken ct)
    {
        private readonly List<TopicBuilder> _topics = [];
        private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _slugSuffixes = new(StringComparer.Ordinal);

        // The headings still open above the current point, innermost on top: the parent of a new heading is the
        // nearest one of a lower level (so a ### right under a # is that #'s child).
        private readonly Stack<TopicBuilder> _open = new();
        private TopicBuilder? _current;
        private string? _previousQuoteUrl;
        private string? _quoteUrl;
        private int _position;
        private int _headings;

        public List<string> Warnings { get; } = [];

        public ParsedCatalog Run()
        {
            var document = Markdown.Parse(markdown, CatalogMarkdown.Pipeline);
            foreach (var block in document)
            {
                ct.ThrowIfCancellationRequested();
                // A quote continues only the quote of the block just before it; any other block ends it.
                _previousQuoteUrl = _quoteUrl;
                _quoteUrl = null;
                Visit(block, Where.Top);
            }

            var topics = _topics.Select(t =>
            {
                ct.ThrowIfCancellationRequested();
                return t.Build();
            }).ToList();
            var parents = topics.Select(t => t.ParentSlug).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var empty in topics.Where(t => t.Links.Count == 0 && t.Quotes.Count == 0 && t.Images.Count == 0
                         && t.IntroMarkdown.Length == 0 && !parents.Contains(t.Slug)))
            {
                Warnings.Add($"Topic \"{empty.Title}\" is empty.");
            }

            return new ParsedCatalog(topics, _headings, Capped(Warnings));
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
                    var lines = html.Lines.ToString();
                    CheckHtml(lines);
                    Images(lines);
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
            while (_open.Count > 0 && _open.Peek().Level >= heading.Level)
            {
                _open.Pop();
            }

            var parent = _open.TryPeek(out var above) ? above : null;
            var slug = Slugs.Unique(Slugs.From(title), _slugs, _slugSuffixes);
            _current = new TopicBuilder(slug, title.Length == 0 ? "(untitled)" : title, heading.Level, parent?.Slug, _topics.Count, false);
            _topics.Add(_current);
            _open.Push(_current);
            Inlines(Paragraphs.Inlines(heading.Inline), LinkPlace.Heading, null);
        }

        // Content before the first heading still belongs somewhere: a topic named after the source file.
        private TopicBuilder Current()
        {
            if (_current is null)
            {
                var title = Path.GetFileNameWithoutExtension(sourceName);
                _current = new TopicBuilder(Slugs.Unique(Slugs.From(title), _slugs, _slugSuffixes), title, 1, null, 0, true);
                _topics.Add(_current);
            }

            return _current;
        }

        private void Paragraph(ParagraphBlock paragraph, Where where)
        {
            var inline = paragraph.Inline;
            var inlines = Paragraphs.Inlines(inline);
            if (where is Where.Top && Paragraphs.IsQuote(inline, inlines, out var quoteLink))
            {
                Quote(quoteLink);
                return;
            }

            var text = InlineText.Of(inline);
            var words = Paragraphs.TrimSeparators(Paragraphs.TextBesideLinks(inline));
            var hasWords = Paragraphs.HasWords(words);

            // "Some title\nhttps://...": a lone bare URL takes the paragraph's own words as its label. Words too long
            // for a label are prose: the paragraph is then also intro, and the link's context.
            string? bareLabel = null;
            if (hasWords && Paragraphs.Links(inlines) is [var only] && Paragraphs.IsBare(only))
            {
                bareLabel = InlineText.Truncate(words, LabelMaxLength);
                hasWords = bareLabel.Length < words.Length;
            }

            if (where is Where.Top && hasWords)
            {
                Current().Intro(Source(paragraph));
            }

            Inlines(inlines, PlaceOf(where), bareLabel is null || hasWords ? text : null, bareLabel);
        }

        private static LinkPlace PlaceOf(Where where) => where switch
        {
            Where.List => LinkPlace.List,
            Where.Table => LinkPlace.Table,
            _ => LinkPlace.Prose,
        };

        // The abstract of a source, quoted as the link's text. An abstract quoted over several paragraphs, each linking
        // the same source, is one quote; every paragraph is still a mention of the link.
        private void Quote(LinkInline link)
        {
            var text = InlineText.Of(link);
            if (AddLink(link.Url!, InlineText.Truncate(text, 120), null, LinkPlace.Quote) is not { } url)
            {
                return;
            }

            if (_previousQuoteUrl == url)
            {
                Current().ContinueQuote(text);
            }
            else
            {
                Current().Quotes.Add(new ParsedQuote(text, url, ++_position));
            }

            _quoteUrl = url;
        }

        private void Inlines(List<Inline> inlines, LinkPlace place, string? context, string? bareLabel = null)
        {
            foreach (var inline in inlines)
            {
                switch (inline)
                {
                    case LinkInline { IsImage: true } image:
                        AddImage(image.Url ?? "", InlineText.Of(image), null);
                        break;
                    case LinkInline link:
                        // InlineText includes the alt text of an image the link wraps ("[![Logo](...)](...)" is "Logo").
                        var label = Paragraphs.IsBare(link) ? bareLabel ?? link.Url ?? "" : InlineText.Of(link);
                        AddLink(link.Url ?? "", label, ContextFor(context, label), place);
                        break;
                    case AutolinkInline autolink:
                        var url = autolink.IsEmail && Urls.SchemeOf(autolink.Url) is null ? "mailto:" + autolink.Url : autolink.Url;
                        AddLink(url, bareLabel ?? autolink.Url, ContextFor(context, bareLabel ?? autolink.Url), place);
                        break;
                    case HtmlInline html:
                        CheckHtml(html.Tag);
                        Images(html.Tag);
                        break;
                }
            }
        }

        // Raw HTML is the one part of a seed that AngleSharp parses (images, and the intro in the sanitizer), and its
        // tree builder does work in proportion to the elements open at each tag: the depth is capped per topic.
        private void CheckHtml(string html)
        {
            var topic = Current();
            if (HtmlNesting.Depth(html, ref topic.HtmlDepth) > limits.MaxHtmlNesting)
            {
                throw new SeedFileException(
                    $"{sourceName}: HTML in \"{InlineText.Truncate(topic.Title, 80)}\" is nested more than {limits.MaxHtmlNesting:N0} elements deep; the limit is Catalog:MaxHtmlNesting.");
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
                AddImage(img.GetAttribute("src") ?? "", img.GetAttribute("alt"), img.GetAttribute("width"));
            }
        }

        // Relative sources stay (a page may resolve them against the list's repository); a javascript:, data: or other
        // non-http(s) source is never kept, only reported.
        private void AddImage(string src, string? alt, string? width)
        {
            src = src.Trim();
            if (Urls.IsResource(src) && !Urls.IsSafeImageSource(src))
            {
                Warnings.Add($"Unsafe image source in \"{Current().Title}\": {InlineText.Truncate(src, 80)}");
                return;
            }

            Current().Images.Add(new ParsedImage(src, NullIfEmpty(alt), NullIfEmpty(width), ++_position));
        }

        private string Source(Block block) =>
            block.Span.Start >= 0 && block.Span.End < markdown.Length ? markdown.Substring(block.Span.Start, block.Span.Length) : "";

        private static string? ContextFor(string? context, string label) =>
            context is null || context == label || context.Length <= label.Length ? null : InlineText.Truncate(context, ContextMaxLength);

        private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
