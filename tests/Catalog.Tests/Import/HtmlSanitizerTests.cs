using AngleSharp.Html.Parser;
using Catalog.Web.Import;

namespace Catalog.Tests.Import;

public sealed class HtmlSanitizerTests
{
    private static readonly HtmlParser s_parser = new();

    [Theory]
    [InlineData("<p>Hi<script>alert(1)</script></p>", "script")]
    [InlineData("<SCRIPT SRC=\"https://x.org/x.js\"></SCRIPT>", "script")]
    [InlineData("<iframe src=\"https://x.org\"></iframe>", "iframe")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">", "object, embed")]
    [InlineData("<style>body { display: none }</style>", "style")]
    [InlineData("<svg onload=\"alert(1)\"><circle/></svg>", "svg")]
    [InlineData("<form action=\"https://x.org\"><input name=\"q\"></form>", "form, input")]
    [InlineData("<img src=\"https://x.org/a.png\" onerror=\"alert(1)\">", "[onerror]")]
    [InlineData("<a href=\"https://x.org\" onclick=\"alert(1)\">x</a>", "[onclick]")]
    [InlineData("<p onmouseover=\"alert(1)\">x</p>", "[onmouseover]")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>", "[style]")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "a[href]")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "a[href]")]
    [InlineData("<a href=\"  javascript:alert(1)\">x</a>", "a[href]")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>", "a[href]")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>", "a[href]")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>", "a[href]")]
    [InlineData("<a href=\"data:text/html,hi\">x</a>", "a[href]")]
    [InlineData("<img src=\"javascript:alert(1)\">", "img")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "img")]
    [InlineData("<img src=\"file:///etc/passwd\">", "img")]
    [InlineData("<!-- <script>alert(1)</script> -->", "script")]
    public void SanitizerDropsWhatCouldRunScript(string html, string selector) =>
        Assert.Empty(Sanitized(html).QuerySelectorAll(selector));

    [Fact]
    public void SanitizerKeepsWebImagesWithSrcAltAndWidthOnly()
    {
        var img = Assert.Single(Sanitized("<img src=\"https://x.org/a.png\" alt=\"Diagram\" width=\"80%\" height=\"9\" class=\"x\" style=\"x\">").QuerySelectorAll("img"));

        Assert.Equal(["alt", "loading", "src", "width"], img.Attributes.Select(a => a.Name).Order());
        Assert.Equal(("https://x.org/a.png", "Diagram", "80%", "lazy"), (img.GetAttribute("src"), img.GetAttribute("alt"), img.GetAttribute("width"), img.GetAttribute("loading")));
    }

    [Theory]
    [InlineData("https://x.org/a.png", "300", "300")]
    [InlineData("http://x.org/a.png", "50%", "50%")]
    [InlineData("HTTPS://x.org/a.png", "expression(alert(1))", null)]
    [InlineData("https://x.org/a.png", "100px", null)]
    public void SanitizerKeepsAnImageFromTheWebAndOnlyAPlainWidth(string src, string width, string? keptWidth)
    {
        var img = Assert.Single(Sanitized($"<img src=\"{src}\" width=\"{width}\">").QuerySelectorAll("img"));

        Assert.Equal((src, keptWidth), (img.GetAttribute("src"), img.GetAttribute("width")));
    }

    [Theory]
    [InlineData("https://x.org/page")]
    [InlineData("http://x.org/page")]
    [InlineData("mailto:someone@x.org")]
    public void SanitizerKeepsSafeLinksAndMarksThemNoOpener(string href)
    {
        var a = Assert.Single(Sanitized($"<a href=\"{href}\" target=\"_blank\" title=\"T\">text</a>").QuerySelectorAll("a"));

        Assert.Equal((href, "noopener noreferrer", "T", null), (a.GetAttribute("href"), a.GetAttribute("rel"), a.GetAttribute("title"), a.GetAttribute("target")));
    }

    [Fact]
    public void SanitizerUnwrapsUnknownTagsButKeepsTheirText()
    {
        var body = Sanitized("<details><summary>More</summary><center>kept <b>bold</b></center></details>");

        Assert.Empty(body.QuerySelectorAll("details, summary, center"));
        Assert.Equal("Morekept bold", body.TextContent);
        Assert.NotNull(body.QuerySelector("b"));
    }

    [Fact]
    public void SanitizerKeepsMathSpansFromMarkdig() =>
        Assert.NotNull(Sanitized("<span class=\"math\">\\(x\\)</span><span class=\"evil\">y</span>").QuerySelector("span.math"));

    private static AngleSharp.Dom.IElement Sanitized(string html) =>
        s_parser.ParseDocument($"<body>{HtmlSanitizer.Sanitize(html)}</body>").Body!;
}
