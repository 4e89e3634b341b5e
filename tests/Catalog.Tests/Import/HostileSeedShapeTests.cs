using System.Text;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>
/// The small seeds that made the parser do work growing faster than their size (issue 14) are refused by a cap that
/// the message names, before Markdig or AngleSharp spend that work; ordinary markdown stays well inside every cap.
/// </summary>
public sealed class HostileSeedShapeTests
{
    public static TheoryData<string, string, string> Shapes() => new()
    {
        { "open link destinations", "# T\n\n" + Repeat("[a](", 96_000), "Catalog:MaxPendingLinkOpeners" },
        { "open image destinations", "# T\n\n" + Repeat("![a](b", 96_000), "Catalog:MaxPendingLinkOpeners" },
        { "nested inline HTML", "x " + Repeat("<b>", 128_000), "Catalog:MaxHtmlNesting" },
        { "unclosed HTML over many paragraphs", "# T\n\n" + Repeat("x <i title=\"1\">\n\n", 500), "Catalog:MaxHtmlNesting" },
        { "nested HTML block", "# T\n\n" + Repeat("<div>", 50_000) + "\n", "Catalog:MaxHtmlNesting" },
        { "setext headings", Repeat("a\n=\n", 5 * 1024 * 1024 / 4), "Catalog:MaxHeadings" },
        { "table columns", "# T\n\n" + Repeat("|a", 350_000) + "\n" + Repeat("|-", 350_000) + "\n" + Repeat("|a", 350_000) + "\n", "Catalog:MaxTableCells" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AHostileShapeIsRefusedNamingItsCap(string name, string markdown, string setting)
    {
        var error = Assert.Throws<SeedFileException>(() => SeedParser.Parse(markdown, "hostile.md"));

        Assert.StartsWith("hostile.md: ", error.Message);
        Assert.True(error.Message.EndsWith($"the limit is {setting}.", StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinksThatCloseBadgesAndUrlsWithParenthesesStayWithinTheLinkCap()
    {
        var badges = Repeat("[![b](https://img.example/b.svg)](https://ci.example/b)", 200);
        var markdown = "# T\n\n" + badges + "\n\n- [Wiki](https://en.wikipedia.org/wiki/Kernel_(statistics))\n";

        var parsed = SeedParser.Parse(markdown, "badges.md");

        Assert.Equal(201, parsed.LinkCount);
        Assert.Contains(parsed.Topics[0].Links, l => l.Url.EndsWith("Kernel_(statistics)", StringComparison.Ordinal));
    }

    [Fact]
    public void EachCapIsExactAndComesFromTheLimitsGiven()
    {
        var limits = new ParseLimits(MaxHeadings: 3, MaxHtmlNesting: 2, MaxPendingLinkOpeners: 2, MaxTableCells: 4);

        Assert.Equal(3, SeedParser.Parse("# a\n# b\nc\n-\n", "ok.md", limits).Headings);
        Assert.Contains("more than 3 headings", Refusal("# a\n# b\nc\n-\n# d\n", limits));
        Assert.Equal(2, SeedParser.Parse("# T\n\n[a](https://a.example/x)[b](https://b.example/y) |a|b|\n", "ok.md", limits).LinkCount);
        Assert.Contains("more than 4 table cells", Refusal("# T\n\n|a|b|\n|-|-|\n", limits));
        Assert.Contains("more than 2 links", Refusal("# T\n\n[a]([b]([c](x\n", limits));
        Assert.Contains("more than 2 elements deep", Refusal("# T\n\nx <b><i><u>y</u></i></b>\n", limits));
    }

    [Theory]
    [InlineData("<p>plain</p>", 1)]
    [InlineData("<p><b>a</b><i>b</i></p>", 2)]
    [InlineData("<p>a<br>b<img src=x><hr></p>", 1)]
    [InlineData("<b><b><b>", 3)]
    [InlineData("a < b and c<d", 1)]
    [InlineData("</b></b><i>", 1)]
    public void HtmlNestingCountsOpenElements(string html, int depth) => Assert.Equal(depth, HtmlNesting.Depth(html));

    [Fact]
    public async Task ACancelledParseStopsWithACancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SeedParser.ParseAsync(() => "# T\n\n[a](https://example.org/a)\n", "seed.md", ParseLimits.Default, cancelled.Token));
    }

    [Fact]
    public async Task AnImportPastItsTimeLimitIsRefusedNamingTheSettingAndChangesNothing()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        // A seed that takes far longer than the limit: the limit is a timer, and a tiny import can finish before a
        // loaded machine's timer thread gets to fire it.
        catalog.Settings.MaxImportTime = TimeSpan.FromMilliseconds(1);

        var error = await Assert.ThrowsAsync<SeedFileException>(() => catalog.ImportAsync("seed.md", LargeSeed.Make(20)));

        Assert.Equal("seed.md: the import took longer than the limit of 00:00:00.0010000 (Catalog:MaxImportTime) and was stopped; nothing was changed.", error.Message);
        Assert.Empty(await catalog.SlugsAsync());
    }

    [Fact]
    public async Task AnImportWhoseRequestIsCancelledStopsAndChangesNothing()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => catalog.ImportAsync(new SeedFile("seed.md", Encoding.UTF8.GetBytes("# T\n\n- [a](https://example.org/a)\n")), ct: cancelled.Token));

        Assert.Empty(await catalog.SlugsAsync());
    }

    [Fact]
    public async Task AnImportThatWouldTakeTheCatalogOverItsTopicCapIsRefused()
    {
        await using var catalog = await TempCatalog.CreateAsync();
        catalog.Settings.MaxTopics = 3;
        await catalog.ImportAsync("one.md", "# A\n- [a](https://example.org/a)\n# B\n- [b](https://example.org/b)\n");

        var error = await Assert.ThrowsAsync<SeedFileException>(
            () => catalog.ImportAsync("two.md", "# C\n- [c](https://example.org/c)\n# D\n- [d](https://example.org/d)\n"));

        Assert.Equal("two.md: its 2 topics would take the catalog over 3 topics; the limit is Catalog:MaxTopics.", error.Message);
        Assert.Equal(["a", "b"], await catalog.SlugsAsync());
    }

    private static string Refusal(string markdown, ParseLimits limits) =>
        Assert.Throws<SeedFileException>(() => SeedParser.Parse(markdown, "capped.md", limits)).Message;

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();
}
