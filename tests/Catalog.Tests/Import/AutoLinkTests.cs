using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

/// <summary>
/// Bare URLs are linked as on GitHub (cmark-gfm's autolink extension). The corpus reference (markdown-it with
/// linkify-it) agrees on every URL of the corpus; the cases where the two rule sets differ are pinned here.
/// </summary>
public sealed class AutoLinkTests
{
    // The ten links of ty4z2008--Qix--dl.md that Markdig's autolinker missed: a scheme glued to the text before it.
    [Theory]
    [InlineData("这篇文章已经被翻译成中文,如果有兴趣可以移步http://blog.jobbole.com/67616/", "http://blog.jobbole.com/67616/")]
    [InlineData("此外还有已经翻译了的版本:http://www.52ml.net/15063.html", "http://www.52ml.net/15063.html")]
    [InlineData("由浅入深。翻译版本：http://www.cnblogs.com/xiaowanyer/p/3701944.html", "http://www.cnblogs.com/xiaowanyer/p/3701944.html")]
    [InlineData("并行计算以及人脑研究。https://www.youtube.com/user/smolix    （需翻墙）", "https://www.youtube.com/user/smolix")]
    [InlineData("《Advanced Structured Prediction》http://t.cn/RZxipKG ，汇集了结构化预测", "http://t.cn/RZxipKG")]
    [InlineData("还有对应的开源代码：https://github.com/mnielsen/neural-networks-and-deep-learning 爱好者的福音。", "https://github.com/mnielsen/neural-networks-and-deep-learning")]
    [InlineData("镜像：ftp://ftp.x.org/pub", "ftp://ftp.x.org/pub")]
    [InlineData("see.http://x.org/a", "http://x.org/a")]
    [InlineData("见HTTPS://X.org/a", "HTTPS://X.org/a")]
    [InlineData("Upper case: HTTP://X.ORG/A", "HTTP://X.ORG/A")]
    [InlineData("Mixed: Https://x.org/a", "Https://x.org/a")]
    public void SchemeGluedToTheTextBeforeItIsLinked(string markdown, string url) => Assert.Equal(url, SingleLink(markdown).RawUrl);

    [Theory]
    [InlineData("资源:http://x.org/a.", "http://x.org/a")]
    [InlineData("资源:http://x.org/a**", "http://x.org/a")]
    [InlineData("资源:http://x.org/wiki/A_(B)).", "http://x.org/wiki/A_(B)")]
    public void GluedUrlEndsLikeAnyBareUrl(string markdown, string url) => Assert.Equal(url, SingleLink(markdown).RawUrl);

    [Theory]
    [InlineData("foohttp://x.org/a")]
    [InlineData("[text 资源:http://x.org/a]")]
    [InlineData("<a name=\"x\">资源:http://x.org/a</a>")]
    [InlineData("`资源:http://x.org/a`")]
    [InlineData("资源:http://")]
    [InlineData("资源:http://nodot")]
    [InlineData("资源:fttp://x.org/a")]
    [InlineData("资源:hftp://x.org/a")]
    public void GluedSchemeIsNotALinkWhereGitHubWouldNotLinkIt(string markdown)
    {
        var catalog = Parse(markdown);

        Assert.Equal(0, catalog.LinkCount);
        Assert.Empty(catalog.Warnings);
    }

    [Fact]
    public void GluedUrlInsideLinkTextIsNotASecondLink() =>
        Assert.Equal("https://y.org/b", SingleLink("[见:http://x.org/a](https://y.org/b)").RawUrl);

    // Where GitHub and linkify-it disagree we follow GitHub; no corpus file has any of these cases.
    // GitHub links a scheme after any character but an ASCII letter; linkify-it not after a digit.
    [Fact]
    public void SchemeAfterADigitIsLinkedAsOnGitHub() => Assert.Equal("http://x.org/a", SingleLink("version 2http://x.org/a").RawUrl);

    // GitHub ends a bare URL only at white space or '<' (and trims ASCII punctuation), so a full-width closing
    // parenthesis stays in the URL; linkify-it stops before it.
    [Fact]
    public void FullWidthParenthesisAfterAUrlStaysInItAsOnGitHub() => Assert.Equal("http://x.org/a）", SingleLink("（资源:http://x.org/a）").RawUrl);

    // GitHub links "www." only after white space or one of *_~( ; linkify-it also after punctuation such as "：".
    [Theory]
    [InlineData("访问www.x.org/a")]
    [InlineData("网址：www.x.org/a")]
    [InlineData("see:www.x.org/a")]
    public void WwwGluedToTheTextBeforeItIsNotLinked(string markdown) => Assert.Empty(Links(markdown));

    [Theory]
    [InlineData("网址： www.x.org/a", "http://www.x.org/a")]
    [InlineData("(www.x.org/a)", "http://www.x.org/a")]
    [InlineData("*www.x.org/a*", "http://www.x.org/a")]
    public void WwwAfterSpaceOrDelimiterIsLinked(string markdown, string url) => Assert.Equal(url, SingleLink(markdown).Url);
}
