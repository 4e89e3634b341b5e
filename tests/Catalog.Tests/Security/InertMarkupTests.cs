using Catalog.Tests.Pages;

namespace Catalog.Tests.Security;

/// <summary>The checker the hostile-seed tests rely on finds each kind of live markup, and passes the site's own.</summary>
public sealed class InertMarkupTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<script src=\"https://evil.example/x.js\"></script>")]
    [InlineData("<script src=\"/js/site.js\">alert(1)</script>")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">")]
    [InlineData("<a href=\"https://example.org/\" OnClick=\"alert(1)\">x</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>")]
    [InlineData("<a href=\" java\tscript:alert(1)\">x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>")]
    [InlineData("<img src=\"data:image/svg+xml,x\">")]
    [InlineData("<a href=\"file:///etc/passwd\">x</a>")]
    [InlineData("<form action=\"javascript:alert(1)\"></form>")]
    [InlineData("<button formaction=\"javascript:alert(1)\">x</button>")]
    [InlineData("<iframe src=\"https://example.org/\"></iframe>")]
    [InlineData("<object data=\"x.swf\"></object>")]
    [InlineData("<embed src=\"x.swf\">")]
    [InlineData("<base href=\"https://evil.example/\">")]
    [InlineData("<meta http-equiv=\"Refresh\" content=\"0; url=https://evil.example/\">")]
    [InlineData("<svg><circle r=\"1\"></circle></svg>")]
    [InlineData("<span style=\"width: expression(alert(1))\">x</span>")]
    [InlineData("<div style=\"background: u\\rl(javascript:alert(1))\">x</div>")]
    public async Task LiveMarkupIsFound(string body)
    {
        var page = await Html.ParseAsync($"<!doctype html><html><head></head><body>{body}</body></html>");

        Assert.NotEmpty(InertMarkup.Problems(page));
    }

    [Fact]
    public async Task TheSitesOwnMarkupIsInert()
    {
        var page = await Html.ParseAsync("""
            <!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/css/site.css?v=1">
            <script src="/js/search-suggest.js?v=abc" defer></script></head>
            <body><a href="/topics/x">x</a> <a href="https://example.org/?q=1">y</a> <a href="mailto:a@example.org">m</a>
            <img src="https://example.org/f.png" style="width: 80%"> <form action="/search"></form>
            <p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</p>
            <script defer src="/lib/katex/katex.min.js"></script></body></html>
            """);

        Assert.Empty(InertMarkup.Problems(page));
    }
}
