namespace Catalog.Tests.Import;

/// <summary>
/// Known cross-site scripting shapes, as raw HTML a seed's prose could carry: script-bearing namespaces, encoded script
/// URLs, image source sets, style that evaluates, parser-mutation shapes, and the hostile seed's own markup.
/// </summary>
public static class XssCorpus
{
    /// <summary>Nested SVG and MathML: foreign content parses differently, so markup inside it is the classic escape.</summary>
    public static readonly string[] ForeignContent =
    [
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"1\" y=\"1\">x</text></a></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>",
        "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\" /></svg>",
        "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
        "<math href=\"javascript:alert(1)\">click</math>",
        "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=1 onerror=alert(1)&gt;\">",
        "<math><mi><mglyph><svg><mtext><textarea><path id=\"</textarea><img onerror=alert(1) src=1>\">",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
        "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
        "<div><svg><desc><img src=x onerror=alert(1)></desc></svg></div>",
    ];

    /// <summary>javascript: hidden by character references, case, control characters and whitespace.</summary>
    public static readonly string[] EncodedScriptUrls =
    [
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"javascript&#58;alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"java&Tab;script:alert(1)\">x</a>",
        "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
        "<a href=\"java&NewLine;script:alert(1)\">x</a>",
        "<a href=\"jav&#x0D;ascript:alert(1)\">x</a>",
        "<a href=\"  javascript:alert(1)\">x</a>",
        "<a href=\" &#14;  javascript:alert(1)\">x</a>",
        "<a href=\"&#x20;javascript:alert(1)\">x</a>",
        "<a href=\"&#x01;javascript:alert(1)\">x</a>",
        "<a href=\"\u0000javascript:alert(1)\">x</a>",
        "<a href=javascript:alert(1)>x</a>",
        "<a href=`javascript:alert(1)`>x</a>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<img src=`javascript:alert(1)`>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<a href=\"livescript:alert(1)\">x</a>",
        "<a href=\"https://x.org/&quot;onmouseover=&quot;alert(1)\">x</a>",
        "<a href=\"https://x.org\" title=\"&quot; onmouseover=&quot;alert(1)\">x</a>",
        "<img src=\"https://x.org/a.png\" alt=\"&quot; onerror=&quot;alert(1)\">",
        "<table background=\"javascript:alert(1)\"><tr><td background=\"javascript:alert(1)\">x</td></tr></table>",
        "<blockquote cite=\"javascript:alert(1)\">x</blockquote>",
        "<a href=\"https://x.org\" ping=\"javascript:alert(1)\">x</a>",
    ];

    /// <summary>Image source sets and other URL-bearing attributes next to an allowed src.</summary>
    public static readonly string[] SourceSets =
    [
        "<img srcset=\"javascript:alert(1) 1x, https://x.org/a.png 2x\">",
        "<img src=\"https://x.org/a.png\" srcset=\"x onerror=alert(1)\">",
        "<img src=\"https://x.org/a.png\" srcset=\"https://evil.example/track.png 2x\" sizes=\"50vw\">",
        "<picture><source srcset=\"javascript:alert(1)\"><img src=\"https://x.org/a.png\"></picture>",
        "<video poster=\"javascript:alert(1)\"><source src=\"javascript:alert(1)\" onerror=alert(1)></video>",
        "<img src=\"https://x.org/a.png\" longdesc=\"javascript:alert(1)\" usemap=\"#m\"><map name=\"m\"><area href=\"javascript:alert(1)\"></map>",
        "<img dynsrc=\"javascript:alert(1)\" lowsrc=\"javascript:alert(1)\" src=\"https://x.org/a.png\">",
    ];

    /// <summary>Style that evaluates or loads: expression(), url(), bindings and behaviours.</summary>
    public static readonly string[] Styles =
    [
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<span style=\"x:ex/**/pression(alert(1))\">x</span>",
        "<div style=\"background-image: url(javascript:alert(1))\">x</div>",
        "<div style=\"background-image: url(&#1;javascript:alert(1))\">x</div>",
        "<p style=\"-moz-binding: url(https://x.org/xss.xml#xss)\">x</p>",
        "<p style=\"behavior: url(https://x.org/x.htc)\">x</p>",
        "<a href=\"https://x.org\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">x</a>",
        "<style>@import 'https://x.org/x.css';</style><p>x</p>",
        "<div class=\"math\" style=\"background:url(https://x.org/t.png)\">x</div>",
        "<img src=\"https://x.org/a.png\" width=\"expression(alert(1))\">",
        "<img src=\"https://x.org/a.png\" width=\"80%\" height=\"9\" align=\"left\" class=\"x\">",
        "<td align=\"javascript:alert(1)\">x</td>",
        "<table><tr><th align=\"center\" onclick=alert(1)>x</th></tr></table>",
    ];

    /// <summary>Shapes whose meaning changes when the sanitized output is parsed again (mutation XSS).</summary>
    public static readonly string[] Mutations =
    [
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<noembed><img title=\"</noembed><img src onerror=alert(1)>\"></noembed>",
        "<noframes><img title=\"</noframes><img src onerror=alert(1)>\"></noframes>",
        "<xmp><img title=\"</xmp><img src onerror=alert(1)>\"></xmp>",
        "<iframe><img title=\"</iframe><img src onerror=alert(1)>\"></iframe>",
        "<textarea><img title=\"</textarea><img src onerror=alert(1)>\"></textarea>",
        "<title><img title=\"</title><img src onerror=alert(1)>\"></title>",
        "<template><img src=x onerror=alert(1)></template>",
        "<p title=\"</p><img src=x onerror=alert(1)>\">x</p>",
        "<a href=\"https://x.org\" title=\"`onmouseover=alert(1)\">x</a>",
        "<!-- <script>alert(1)</script> -->",
        "<!--><img src=x onerror=alert(1)>-->",
        "<![CDATA[<img src=x onerror=alert(1)>]]>",
        "<?xml-stylesheet href=\"javascript:alert(1)\"?><p>x</p>",
        "<img \"\"\"><script>alert(1)</script>\">",
        "<<script>alert(1);//<</script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<img src=x onerror=alert(1)//",
        "<table><a href=\"javascript:alert(1)\">x</a><td>y</td></table>",
        "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
        "<plaintext><img src=x onerror=alert(1)>",
    ];

    /// <summary>Elements that load, run or navigate on their own.</summary>
    public static readonly string[] ActiveElements =
    [
        "<p>Hi<script>alert(1)</script></p>",
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\"><a href=\"/x\">x</a>",
        "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">go</button><input onfocus=alert(1) autofocus></form>",
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<isindex type=image src=1 onerror=alert(1)>",
        "<body onload=alert(1)>x",
        "<a href=\"https://x.org\" target=\"_blank\" rel=\"opener\">x</a>",
        "<a href=\"//evil.example/x\">x</a><a href=\"/relative\">y</a><img src=\"//evil.example/a.png\">",
        "<a href=\"ftp://x.org/f\">x</a><a href=\"mailto:a@x.org\">y</a><img src=\"ftp://x.org/a.png\">",
        "<div><span class=\"math evil\">x</span><span class=\"math\">y</span></div>",
    ];

    public static IEnumerable<string> All =>
        ForeignContent.Concat(EncodedScriptUrls).Concat(SourceSets).Concat(Styles).Concat(Mutations).Concat(ActiveElements)
            .Concat(HostileSeedParagraphs());

    /// <summary>The hostile seed's prose, one paragraph at a time, as raw HTML (which is how its inline markup is read).</summary>
    public static IEnumerable<string> HostileSeedParagraphs()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "hostile", "hostile-markup.md");
        return File.ReadAllText(path).Split("\n\n").Where(p => p.Contains('<', StringComparison.Ordinal));
    }
}
