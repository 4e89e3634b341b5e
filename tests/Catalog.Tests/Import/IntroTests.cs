using AngleSharp.Html.Parser;
using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

public sealed class IntroTests
{
    [Fact]
    public void ProseParagraphsOfATopicAreItsIntro()
    {
        var topic = Assert.Single(Parse("# T\n\nFirst paragraph.\n\n* [A](https://x.org/a)\n\nSecond [with a link](https://x.org/b).").Topics);

        Assert.Equal("First paragraph.\n\nSecond [with a link](https://x.org/b).", topic.IntroMarkdown);
        Assert.Equal("<p>First paragraph.</p>\n<p>Second <a href=\"https://x.org/b\" rel=\"noopener noreferrer\">with a link</a>.</p>\n", topic.IntroHtml);
    }

    [Theory]
    [InlineData("* [A](https://x.org/a)")]
    [InlineData("https://x.org/a")]
    [InlineData("[A](https://x.org/a) [B](https://x.org/b)")]
    [InlineData("Title of the page\nhttps://x.org/a")]
    [InlineData("<img src=\"https://x.org/a.png\">")]
    public void LinksWithoutProseAreNoIntro(string markdown) => Assert.Empty(Assert.Single(Parse($"# T\n\n{markdown}").Topics).IntroMarkdown);

    [Theory]
    [InlineData("where $f_t$ is an activation", "$f_t$", "<span class=\"math\">\\(f_t\\)</span>")]
    [InlineData("$$x^{t+1} = f_t(x^{t})$$", "$$x^{t+1} = f_t(x^{t})$$", "<span class=\"math\">\\(x^{t+1} = f_t(x^{t})\\)</span>")]
    [InlineData("$$\nx^2\n$$", "$$\nx^2\n$$", "<div class=\"math\">\n\\[\nx^2\n\\]</div>")]
    [InlineData("The form:\n$$x^{t+1} = f_t(x^{t})$$\nwhere $t$ is discrete.", "$$x^{t+1} = f_t(x^{t})$$", "<span class=\"math\">\\(t\\)</span>")]
    public void MathInTheIntroIsKept(string markdown, string inMarkdown, string inHtml)
    {
        var topic = Assert.Single(Parse($"# T\n\n{markdown}").Topics);

        Assert.Contains(inMarkdown, topic.IntroMarkdown, StringComparison.Ordinal);
        Assert.Contains(inHtml, topic.IntroHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockQuoteIsPartOfTheIntro() =>
        Assert.Equal("> Said someone.", Assert.Single(Parse("# T\n\n> Said someone.").Topics).IntroMarkdown);

    [Fact]
    public void IntroHtmlIsSanitized()
    {
        var topic = Assert.Single(Parse("# T\n\nHello <script>alert(1)</script> <b onclick=\"x()\">world</b> [x](javascript:alert(1)).").Topics);
        var html = new HtmlParser().ParseDocument(topic.IntroHtml);

        Assert.Contains("<script>", topic.IntroMarkdown, StringComparison.Ordinal);
        Assert.Empty(html.QuerySelectorAll("script, [onclick], a[href]"));
        Assert.Equal("world", html.QuerySelector("b")?.TextContent);
    }
}
