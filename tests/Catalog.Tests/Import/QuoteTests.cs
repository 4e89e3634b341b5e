using Catalog.Web.Import;
using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

public sealed class QuoteTests
{
    private static readonly string s_long = new string('a', SeedParser.QuoteMinLength - 10) + " long text";

    [Fact]
    public void ParagraphThatIsOneLongLinkIsAQuote()
    {
        var topic = Assert.Single(Parse($"# T\n\n[{s_long}](https://x.org/abstract)").Topics);

        var quote = Assert.Single(topic.Quotes);
        Assert.Equal(s_long, quote.Text);
        Assert.Equal("https://x.org/abstract", quote.Url);
        Assert.Equal(LinkPlace.Quote, Assert.Single(topic.Links).Place);
        Assert.Empty(topic.IntroMarkdown);
    }

    [Theory]
    [InlineData(SeedParser.QuoteMinLength, 1)]
    [InlineData(SeedParser.QuoteMinLength - 1, 0)]
    public void QuoteNeedsAtLeastTheMinimumLength(int length, int quotes) =>
        Assert.Equal(quotes, Parse($"[{new string('a', length)}](https://x.org/a)").QuoteCount);

    [Theory]
    [InlineData("[Short title](https://x.org/a)")]
    [InlineData("[{0}](https://x.org/a) and more words")]
    [InlineData("Words before [{0}](https://x.org/a)")]
    [InlineData("[{0}](https://x.org/a) [{0}](https://x.org/b)")]
    [InlineData("* [{0}](https://x.org/a)")]
    [InlineData("> [{0}](https://x.org/a)")]
    [InlineData("| a |\n|---|\n| [{0}](https://x.org/a) |")]
    [InlineData("<{0}https://x.org/a>")]
    public void OnlyAParagraphThatIsExactlyOneLongLinkIsAQuote(string template)
    {
        var catalog = Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, s_long));

        Assert.Equal(0, catalog.QuoteCount);
    }

    [Fact]
    public void ParagraphWithAnImageBesideTheLinkIsNoQuoteAndKeepsTheImage()
    {
        var catalog = Parse($"[{s_long}](https://x.org/a) <img src=\"https://x.org/i.png\">");

        Assert.Equal((0, 1, 1), (catalog.QuoteCount, catalog.ImageCount, catalog.LinkCount));
    }

    [Fact]
    public void EmphasisedLongLinkIsStillAQuote() => Assert.Equal(s_long, Assert.Single(Parse($"**[{s_long}](https://x.org/a)**").Topics[0].Quotes).Text);

    [Fact]
    public void LeadingSpacesDoNotMakeAQuoteAnyLessAQuote() => Assert.Equal(1, Parse($"   [{s_long}](https://x.org/a)").QuoteCount);

    [Fact]
    public void AbstractQuotedOverConsecutiveParagraphsOfOneSourceIsOneQuote()
    {
        var topic = Assert.Single(Parse($"# T\n\n[{s_long} one](https://x.org/a)\n\n[{s_long} two](https://x.org/a)").Topics);

        var quote = Assert.Single(topic.Quotes);
        Assert.Equal($"{s_long} one\n\n{s_long} two", quote.Text);
        Assert.Equal(2, topic.Links.Count);
    }

    [Theory]
    [InlineData("[{0}](https://x.org/a)\n\n[{0}](https://x.org/b)")]
    [InlineData("[{0}](https://x.org/a)\n\nSome words.\n\n[{0}](https://x.org/a)")]
    [InlineData("# A\n[{0}](https://x.org/a)\n# B\n[{0}](https://x.org/a)")]
    public void QuotesOfOtherSourcesOrApartAreSeparateQuotes(string template) =>
        Assert.Equal(2, Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, s_long)).QuoteCount);

    [Fact]
    public void QuoteWithAnUnsafeSourceIsDropped()
    {
        var catalog = Parse($"[{s_long}](javascript:alert(1))");

        Assert.Equal(0, catalog.QuoteCount);
        Assert.Single(catalog.Warnings, w => w.StartsWith("Unsafe URL", StringComparison.Ordinal));
    }
}
