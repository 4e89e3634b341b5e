using Catalog.Web.Import;
using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

public sealed class LinkTests
{
    [Theory]
    [InlineData("* [Deep Learning Book](https://www.deeplearningbook.org/)", "Deep Learning Book")]
    [InlineData("- [《统计学习方法》](https://x.org/book) 李航", "《统计学习方法》")]
    [InlineData("1. [**Bold** and `code`](https://x.org/a)", "Bold and code")]
    [InlineData("* [![Logo](https://x.org/logo.png)](https://x.org/a)", "Logo")]
    [InlineData("* [Ref link][r]\n\n[r]: https://x.org/a", "Ref link")]
    public void ListItemLinkTakesItsTextAsLabel(string markdown, string label)
    {
        var link = SingleLink(markdown);

        Assert.Equal(label, link.Label);
        Assert.Equal(LinkPlace.List, link.Place);
    }

    [Theory]
    [InlineData("* [x](https://x.org/a)", "x")]
    [InlineData("* [X](https://x.com/someone)", "X")]
    [InlineData("- [ ] [Todo](https://x.org/t)", "Todo")]
    [InlineData("- [x] [Done](https://x.org/d)", "Done")]
    public void TaskMarkerNeedsASpaceAfterIt(string markdown, string label) => Assert.Equal(label, SingleLink(markdown).Label);

    [Theory]
    [InlineData("2018上海交通大学深度学习理论前沿研讨会 - 凌泽南的文章 - 知乎\nhttps://zhuanlan.zhihu.com/p/40097048", "2018上海交通大学深度学习理论前沿研讨会 - 凌泽南的文章 - 知乎")]
    [InlineData("* Lecture notes: https://x.org/notes", "Lecture notes")]
    [InlineData("* https://x.org/notes - lecture notes", "lecture notes")]
    [InlineData("Slides <https://x.org/slides>", "Slides")]
    [InlineData("* https://x.org/alone", "https://x.org/alone")]
    [InlineData("https://x.org/alone", "https://x.org/alone")]
    [InlineData("<https://x.org/angle>", "https://x.org/angle")]
    [InlineData("* www.x.org/page", "http://www.x.org/page")]
    public void BareUrlTakesTheParagraphTextAsLabel(string markdown, string label) => Assert.Equal(label, SingleLink(markdown).Label);

    [Fact]
    public void LongParagraphAroundABareUrlIsProseAndCutToALabel()
    {
        var words = string.Join(' ', Enumerable.Repeat("description", 20));

        var topic = Assert.Single(Parse($"# T\n\n{words} https://x.org/a").Topics);
        var link = Assert.Single(topic.Links);

        Assert.EndsWith("…", link.Label, StringComparison.Ordinal);
        Assert.InRange(link.Label.Length, 100, 200);
        Assert.StartsWith(words, link.Context, StringComparison.Ordinal);
        Assert.Equal($"{words} https://x.org/a", topic.IntroMarkdown);
    }

    [Fact]
    public void BareUrlsSharingAParagraphAreTheirOwnLabels()
    {
        var links = Links("* Mirrors: https://x.org/a and https://y.org/b");

        Assert.Equal(["https://x.org/a", "https://y.org/b"], links.Select(l => l.Label));
    }

    [Theory]
    [InlineData("We build on [residual networks](https://x.org/resnet) for this.", "residual networks", "We build on residual networks for this.")]
    [InlineData("* [Paper](https://x.org/p) by A. Author, with [code](https://github.com/a/b).", "code", "Paper by A. Author, with code.")]
    [InlineData("> Quoted [source](https://x.org/s) here.", "source", "Quoted source here.")]
    public void LinkInProseKeepsItsSentenceAsContext(string markdown, string label, string context)
    {
        var link = Assert.Single(Links(markdown), l => l.Label == label);

        Assert.Equal(context, link.Context);
    }

    [Fact]
    public void LinkInAParagraphIsProse() => Assert.Equal(LinkPlace.Prose, SingleLink("See [this](https://x.org/a) too.").Place);

    [Fact]
    public void LinkThatIsTheWholeItemHasNoContext() => Assert.Null(SingleLink("* [Only](https://x.org/a)").Context);

    [Theory]
    [InlineData("* [A Differentiable Physics Engine\nfor Deep Learning](http://x.org/1.pdf)")]
    [InlineData("* [A Differentiable Physics Engine  \nfor Deep Learning](http://x.org/1.pdf)")]
    [InlineData("* [A Differentiable Physics Engine\n  for Deep Learning](http://x.org/1.pdf)")]
    [InlineData("[A Differentiable Physics Engine\r\nfor Deep Learning](http://x.org/1.pdf) is here.")]
    public void LinkTextSplitOverTwoLinesIsJoinedWithOneSpace(string markdown) =>
        Assert.Equal("A Differentiable Physics Engine for Deep Learning", SingleLink(markdown).Label);

    [Fact]
    public void LinksInTablesAreFound()
    {
        var links = Links("""
            | Name | Link |
            |------|------|
            | Repo | [code](https://github.com/a/b) |
            | Site | https://x.org/site |
            """);

        Assert.Equal(["https://github.com/a/b", "https://x.org/site"], links.Select(l => l.Url));
        Assert.All(links, l => Assert.Equal(LinkPlace.Table, l.Place));
    }

    [Fact]
    public void LinkInAHeadingIsAHeadingLink() => Assert.Equal(LinkPlace.Heading, SingleLink("## [Part one](https://x.org/1)").Place);

    [Fact]
    public void EveryAppearanceOfAUrlIsItsOwnMention()
    {
        var catalog = Parse("# A\n* [First](https://x.org/a)\n* [Second](https://x.org/a)\n# B\nSee [third](https://X.org/a).");
        var links = catalog.Topics.SelectMany(t => t.Links).ToList();

        Assert.Equal(["First", "Second", "third"], links.Select(l => l.Label));
        Assert.Equal(links.Select(l => l.Position).Order(), links.Select(l => l.Position));
        Assert.Equal(3, links.Select(l => l.Position).Distinct().Count());
        Assert.Equal(3, catalog.LinkCount);
        Assert.Equal(1, catalog.DistinctUrlCount);
    }

    [Theory]
    [InlineData("HTTP://Example.ORG/Path?Q=A#Frag", "http://example.org/Path?Q=A#Frag")]
    [InlineData("https://x.org:443/a", "https://x.org/a")]
    [InlineData("http://x.org:80", "http://x.org")]
    [InlineData("ftp://X.org:21/f", "ftp://x.org/f")]
    [InlineData("http://x.org:8080/a", "http://x.org:8080/a")]
    [InlineData("https://x.org:80/a", "https://x.org:80/a")]
    [InlineData("https://User:Pw@X.org/", "https://User:Pw@x.org/")]
    [InlineData("MAILTO:Someone@Example.org", "mailto:Someone@Example.org")]
    [InlineData("  https://x.org/a  ", "https://x.org/a")]
    public void UrlIdentityIgnoresSchemeAndHostCaseAndTheDefaultPort(string url, string identity) =>
        Assert.Equal(identity, Urls.Normalize(url));

    [Fact]
    public void LinkKeepsTheUrlAsWrittenBesideItsIdentity()
    {
        var link = SingleLink("* [A](HTTPS://X.org:443/Path)");

        Assert.Equal("https://x.org/Path", link.Url);
        Assert.Equal("HTTPS://X.org:443/Path", link.RawUrl);
    }

    [Theory]
    [InlineData("<someone@example.org>", "mailto:someone@example.org")]
    [InlineData("[Mail](mailto:someone@example.org)", "mailto:someone@example.org")]
    [InlineData("[Files](ftp://ftp.x.org/pub)", "ftp://ftp.x.org/pub")]
    public void MailAndFtpAreLinksToo(string markdown, string url) => Assert.Equal(url, SingleLink(markdown).Url);
}
