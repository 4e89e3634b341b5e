using System.Text;
using Catalog.Web;
using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>Inputs built to hurt a parser finish (no stack overflow, no runaway memory) with their content intact.</summary>
public sealed class PathologicalInputTests
{
    public static TheoryData<string, string> Inputs() => new()
    {
        { "five-megabyte single line", "# T\n\n" + string.Concat(Enumerable.Repeat("word https://example.org/x ", 190_000)) },
        { "10,000 headings", string.Concat(Enumerable.Range(0, 10_000).Select(i => $"## Heading {i}\n")) },
        { "300-deep nested list", string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + $"- [item {i}](https://example.org/{i})\n")) },
        { "500-deep blockquote", "# T\n\n" + new string('>', 500) + " [deep](https://example.org/deep)\n" },
        { "10,000 nested brackets", "# T\n\n" + new string('[', 10_000) + "x" + new string(']', 10_000) + "(https://example.org/b)\n" },
        { "10,000 nested emphasis", "# T\n\n" + new string('*', 10_000) + "[x](https://example.org/e)" + new string('*', 10_000) + "\n" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void PathologicalInputParsesWithinTheInvariants(string name, string markdown)
    {
        var parsed = SeedParser.Parse(markdown, name + ".md");

        CatalogInvariants.Check(parsed);
        Assert.True(parsed.Headings > 0 || parsed.LinkCount > 0, $"{name}: content was found");
    }

    [Fact]
    public void NestingBeyondTheLimitIsRefusedWithAClearMessage()
    {
        var markdown = "# T\n\n" + new string('>', 10_000) + " [deeper](https://example.org/deeper)\n";

        var error = Assert.Throws<SeedFileException>(() => SeedParser.Parse(markdown, "deep.md"));

        Assert.Equal("deep.md: lists, quotes or links are nested more than 1,000 levels deep.", error.Message);
    }

    [Fact]
    public void TenThousandHeadingsTheDefaultCapBecomeTenThousandTopics()
    {
        var markdown = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            markdown.Append("## Heading ").Append(i).Append('\n');
        }

        var parsed = SeedParser.Parse(markdown.ToString(), "headings.md");

        Assert.Equal(10_000, parsed.Headings);
        Assert.Equal(10_000, parsed.Topics.Select(t => t.Slug).Distinct().Count());
        Assert.Equal(SeedParser.MaxWarnings + 1, parsed.Warnings.Count);
        Assert.Equal("... and 9,800 more warnings.", parsed.Warnings[^1]);
        Assert.Equal(new CatalogOptions().MaxHeadings, parsed.Headings);
    }
}
