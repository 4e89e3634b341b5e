using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

public sealed class UnsafeUrlTests
{
    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x]( javascript:alert(1))")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](javascript&#58;alert(1))")]
    [InlineData("[x](java&#9;script:alert(1))")]
    [InlineData("[x](&#x20;javascript:alert(1))")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](VBScript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](DATA:text/html,hi)")]
    [InlineData("[x](file:///etc/passwd)")]
    [InlineData("[x](FILE://server/share)")]
    [InlineData("[x](chrome://settings)")]
    [InlineData("[x](irc://irc.libera.chat/awesome)")]
    [InlineData("* [x](javascript:alert(1))")]
    [InlineData("| a |\n|---|\n| [x](javascript:alert(1)) |")]
    public void UnsafeUrlNeverBecomesALinkButAWarning(string markdown)
    {
        var catalog = Parse(markdown);

        Assert.Equal(0, catalog.LinkCount);
        Assert.Single(catalog.Warnings, w => w.StartsWith("Unsafe URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[Contents](#contents)")]
    [InlineData("[Docs](docs/readme.md)")]
    [InlineData("[Up](../other.md)")]
    [InlineData("[About](/about)")]
    [InlineData("[CDN](//cdn.x.org/a.js)")]
    [InlineData("[Nothing]()")]
    [InlineData("[Query](?page=2)")]
    public void AnchorOrRelativePathIsNeitherALinkNorAWarning(string markdown)
    {
        var catalog = Parse($"# T\n\n{markdown}\n\n* [kept](https://x.org/a)");

        Assert.Equal(1, catalog.LinkCount);
        Assert.Empty(catalog.Warnings);
    }

    [Fact]
    public void SafeLinksBesideAnUnsafeOneAreKept()
    {
        var catalog = Parse("* [good](https://x.org/a) [bad](javascript:alert(1)) [good too](http://y.org/b)");

        Assert.Equal(["good", "good too"], catalog.Topics.SelectMany(t => t.Links).Select(l => l.Label));
        Assert.Single(catalog.Warnings);
    }
}
