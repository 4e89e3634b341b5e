using Catalog.Web.Import;
using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

public sealed class ImageTests
{
    [Theory]
    [InlineData("<img src=\"https://x.org/a.png\" alt=\"Diagram\" width=\"80%\"/>", "https://x.org/a.png", "Diagram", "80%")]
    [InlineData("<p align=\"center\">\n  <img src=\"https://x.org/a.png\" width=\"300\">\n</p>", "https://x.org/a.png", null, "300")]
    [InlineData("Text with <img src=\"https://x.org/i.png\" alt=\"inline\"> inside.", "https://x.org/i.png", "inline", null)]
    [InlineData("* Item <IMG SRC=\"https://x.org/i.png\" WIDTH=\"50\">", "https://x.org/i.png", null, "50")]
    [InlineData("![Architecture](https://x.org/arch.png)", "https://x.org/arch.png", "Architecture", null)]
    [InlineData("![](https://x.org/arch.png)", "https://x.org/arch.png", null, null)]
    [InlineData("![Logo](media/logo.svg)", "media/logo.svg", "Logo", null)]
    public void ImageKeepsItsSourceAltAndWidth(string markdown, string src, string? alt, string? width)
    {
        var image = Assert.Single(Parse(markdown).Topics.SelectMany(t => t.Images));

        Assert.Equal(new ParsedImage(src, alt, width, image.Position), image);
    }

    [Fact]
    public void ImageInsideALinkIsAnImageAndTheLinkIsALink()
    {
        var topic = Assert.Single(Parse("[![Build](https://img.shields.io/b.svg)](https://ci.x.org)").Topics);

        Assert.Equal("https://img.shields.io/b.svg", Assert.Single(topic.Images).Src);
        Assert.Equal("Build", Assert.Single(topic.Links).Label);
    }

    [Fact]
    public void CommentedOutImagesAreNotImages() => Assert.Equal(0, Parse("<!-- <img src=\"https://x.org/a.png\"> -->").ImageCount);

    [Theory]
    [InlineData("<img src=\"javascript:alert(1)\">")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x](file:///etc/passwd)")]
    public void ImageWithAnUnsafeSourceIsDroppedWithAWarning(string markdown)
    {
        var catalog = Parse(markdown);

        Assert.Equal(0, catalog.ImageCount);
        Assert.Single(catalog.Warnings, w => w.StartsWith("Unsafe image source", StringComparison.Ordinal));
    }
}
