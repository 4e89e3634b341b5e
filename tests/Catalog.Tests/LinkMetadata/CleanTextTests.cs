using Catalog.Web.Links.Metadata;

namespace Catalog.Tests.LinkMetadata;

public sealed class CleanTextTests
{
    [Theory]
    [InlineData("  Deep\n\t learning  ", "Deep learning")]
    [InlineData("a\u0000b\u001bc", "a b c")]
    [InlineData("\u202eevil\u202c \u2066x\u2069", "evil x")]
    [InlineData("zero\u200bwidth", "zerowidth")]
    [InlineData("<i>In</i> vivo &amp; vitro", "In vivo & vitro")]
    [InlineData("   ", null)]
    [InlineData("\u202e", null)]
    public void TextIsFoldedAndStrippedOfControlAndDirectionCharacters(string input, string? expected) =>
        Assert.Equal(expected, CleanText.Line(input));

    [Fact]
    public void AHundredKilobyteTitleIsCappedAndNeverEndsInHalfAPair()
    {
        var title = CleanText.Line(string.Concat(Enumerable.Repeat("😀", 50_000)), CleanText.TitleLength)!;

        Assert.True(title.Length <= CleanText.TitleLength);
        Assert.False(char.IsHighSurrogate(title[^1]));
    }

    [Theory]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,hi", null)]
    [InlineData("/pdf?id=1", "https://example.org/pdf?id=1")]
    [InlineData("http://example.org/a.pdf", "http://example.org/a.pdf")]
    public void OnlyHttpUrlsAreKept(string input, string? expected) =>
        Assert.Equal(expected, CleanText.HttpUrl(input, new Uri("https://example.org/paper")));

    [Theory]
    [InlineData("2017/02/06", "2017-02-06")]
    [InlineData("2020-03-14T10:00:00+00:00", "2020-03-14")]
    [InlineData("June 2019", "2019")]
    [InlineData("someday", null)]
    public void DatesBecomeIso(string input, string? expected) => Assert.Equal(expected, CleanText.Date(input));
}
