using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace Catalog.Web.Import;

/// <summary>
/// Bare http://, https:// and ftp:// URLs as GitHub links them, including those glued to the text before them or with
/// an upper-case scheme: "如果有兴趣可以移步http://blog.jobbole.com/67616/", "翻译版本：http://www.cnblogs.com/...".
/// </summary>
/// <remarks>
/// cmark-gfm's autolink extension (url_match) links a scheme, in any case, after any character that is not an ASCII
/// letter; only "www." links need white space or one of <c>*_~(</c> before them. Markdig's <see cref="AutoLinkParser"/>
/// applies the stricter www. rule to every scheme and only starts at a lower-case 'h' or 'f', so Chinese lists lose
/// many links; it also walks back over every earlier inline of the paragraph for each URL, which is quadratic on a
/// long paragraph of URLs (tests/Catalog.Benchmarks/README.md, "Hostile seeds"). This parser takes every http(s)/ftp case and
/// remembers how far it has looked back; www. and mailto: stay with Markdig.
/// </remarks>
public sealed class SchemeAutoLinkParser : InlineParser
{
    private static readonly string[] s_schemes = ["http://", "https://", "ftp://"];
    private readonly AutoLinkOptions _options;

    public SchemeAutoLinkParser(AutoLinkOptions options)
    {
        _options = options;
        OpeningCharacters = ['h', 'f', 'H', 'F'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var previous = slice.PeekCharExtra(-1);
        if (char.IsAsciiLetter(previous) || SchemeOf(slice) is not { } scheme || IsInsideLink(processor))
        {
            return false;
        }

        var start = slice.Start;
        if (!LinkHelper.TryParseUrl(ref slice, out var url, out _, isAutoLink: true))
        {
            return false;
        }

        // GFM drops trailing emphasis characters from a bare URL ("见http://x.org/**" links http://x.org/).
        var trimmed = url.TrimEnd('*', '_', '~');
        slice.Start -= url.Length - trimmed.Length;
        if (trimmed.Length <= scheme.Length || !LinkHelper.IsValidDomain(trimmed, scheme.Length, _options.AllowDomainWithoutPeriod))
        {
            return false;
        }

        processor.Inline = LinkAt(processor, slice, start, trimmed);
        return true;
    }

    private static string? SchemeOf(StringSlice slice)
    {
        foreach (var scheme in s_schemes)
        {
            if (char.ToLowerInvariant(slice.CurrentChar) == scheme[0] && slice.MatchLowercase(scheme[1..], 1))
            {
                return scheme;
            }
        }

        return null;
    }

    // No bare URLs inside link text ("[see http://x.org](http://y.org)") or inside a raw <a>...</a>, as in GFM.
    private bool IsInsideLink(InlineProcessor processor) => IsInsideBrackets(processor) || IsInsideHtmlAnchor(processor);

    private static bool IsInsideBrackets(InlineProcessor processor)
    {
        var open = 0;
        for (var inline = processor.Inline; inline is not null; inline = inline.Parent)
        {
            if (inline is LinkDelimiterInline { IsActive: true } bracket)
            {
                open += bracket.Type == DelimiterType.Open ? 1 : -1;
            }
        }

        return open > 0;
    }

    // The nearest <a> or </a> before this point decides. The walk back stops where the previous call of this
    // parse started, whose answer is remembered in the processor's per-parse state, so each inline is visited once.
    private bool IsInsideHtmlAnchor(InlineProcessor processor)
    {
        var memo = processor.ParserStates[Index] as AnchorMemo;
        bool? answer = null;
        for (var inline = processor.Inline; inline is not null && answer is null; inline = inline.PreviousSibling ?? inline.Parent)
        {
            if (memo is not null && ReferenceEquals(inline, memo.From))
            {
                answer = memo.Inside;
            }
            else if (inline is HtmlInline html && AnchorTag(html.Tag) is { } opens)
            {
                answer = opens;
            }
        }

        processor.ParserStates[Index] = new AnchorMemo(processor.Inline, answer ?? false);
        return answer ?? false;
    }

    private sealed record AnchorMemo(Inline? From, bool Inside);

    // True for an <a ...> tag, false for </a>, null for any other tag (<abbr> is not an anchor).
    private static bool? AnchorTag(string tag)
    {
        var name = tag.AsSpan(1);
        var closing = name.StartsWith('/');
        name = closing ? name[1..] : name;
        return name.Length > 1 && name[0] is 'a' or 'A' && (char.IsWhiteSpace(name[1]) || name[1] is '>' or '/') ? !closing : null;
    }

    private static LinkInline LinkAt(InlineProcessor processor, StringSlice slice, int start, string url)
    {
        var position = processor.GetSourcePosition(start, out var line, out var column);
        var link = new LinkInline
        {
            Span = new(position, position + url.Length - 1),
            Line = line,
            Column = column,
            Url = url,
            IsClosed = true,
            IsAutoLink = true,
        };
        link.UrlSpan = link.Span;
        link.AppendChild(new LiteralInline
        {
            Span = link.Span,
            Line = line,
            Column = column,
            Content = new StringSlice(slice.Text, start, start + url.Length - 1),
            IsClosed = true,
        });
        return link;
    }
}

/// <summary>Puts <see cref="SchemeAutoLinkParser"/> in charge of http(s)/ftp; Markdig's parser keeps www. and mailto:.</summary>
public sealed class SchemeAutoLinkExtension(AutoLinkOptions options) : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<SchemeAutoLinkParser>())
        {
            pipeline.InlineParsers.Find<AutoLinkParser>()!.OpeningCharacters = ['m', 'w'];
            pipeline.InlineParsers.InsertAfter<AutoLinkParser>(new SchemeAutoLinkParser(options));
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }
}
