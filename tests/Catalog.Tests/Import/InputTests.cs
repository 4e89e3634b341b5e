using System.Text;
using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

/// <summary>How a file was saved (BOM, line ends, size, script) does not change what it says.</summary>
public sealed class InputTests
{
    private const string Sample = "# 机器学习\n\n介绍：这是一本书。\n\n* [《统计学习方法》](https://x.org/book)\n* [A Differentiable\nPhysics Engine](https://x.org/p.pdf)\n\n2018上海交通大学深度学习理论前沿研讨会 - 知乎\nhttps://zhuanlan.zhihu.com/p/40097048\n\n## Two\n\n| a | b |\n|---|---|\n| [t](https://x.org/t) | c |\n";

    [Theory]
    [InlineData("\uFEFF", "\n")]
    [InlineData("", "\r\n")]
    [InlineData("\uFEFF", "\r\n")]
    [InlineData("", "\r")]
    public void BomAndLineEndsDoNotChangeTheResult(string bom, string newLine) =>
        Assert.Equal(Snapshot(Parse(Sample)), Snapshot(Parse(bom + Sample.Replace("\n", newLine, StringComparison.Ordinal))));

    [Fact]
    public void SeedWithBomAndCrLfGivesTheSameResult()
    {
        var seed = File.ReadAllText(SeedPath);

        Assert.Equal(Snapshot(Parse(seed)), Snapshot(Parse("\uFEFF" + seed.Replace("\n", "\r\n", StringComparison.Ordinal))));
    }

    [Fact]
    public void ChineseTextIsOrdinaryText()
    {
        var topic = Parse(Sample).Topics[0];

        Assert.Equal(("机器学习", "机器学习"), (topic.Title, topic.Slug));
        Assert.Equal("介绍：这是一本书。", topic.IntroMarkdown);
        Assert.Equal(["《统计学习方法》", "A Differentiable Physics Engine", "2018上海交通大学深度学习理论前沿研讨会 - 知乎"], topic.Links.Select(l => l.Label));
    }

    [Fact]
    public void NulCharactersAreReplacedWithAWarning()
    {
        var catalog = Parse("# T\0\n\n* [A](https://x.org/a)");

        Assert.Equal("T\uFFFD", catalog.Topics[0].Title);
        Assert.Contains(catalog.Warnings, w => w.Contains("NUL", StringComparison.Ordinal));
    }

    [Fact]
    public void OneMegabyteFileIsOrdinaryInput()
    {
        var markdown = Generated(sections: 1500);
        Assert.InRange(Encoding.UTF8.GetByteCount(markdown), 1_000_000, 1_500_000);

        var catalog = Parse(markdown);

        Assert.Equal(1501, catalog.Topics.Count);
        Assert.Equal(1500 * 9, catalog.LinkCount);
        Assert.Equal(1500 * 8 + 1, catalog.DistinctUrlCount);
        Assert.Equal(1500, catalog.QuoteCount);
        Assert.Equal(1500, catalog.ImageCount);
        Assert.Equal(Snapshot(catalog), Snapshot(Parse("\uFEFF" + markdown.Replace("\n", "\r\n", StringComparison.Ordinal))));
    }

    // Every section: a heading, prose with a link and math, a quote, an image, list items, a table and a bare URL.
    private static string Generated(int sections)
    {
        var sb = new StringBuilder("# Generated catalog\n\n");
        for (var i = 0; i < sections; i++)
        {
            sb.Append(FormattableString.Invariant($"""
                ## Section {i} 第{i}节

                Section {i} is about $x_{i}$ and links [its home](https://example.org/{i}/home) in prose; 中文说明。

                [{new string('q', 120)} abstract {i}](https://arxiv.org/abs/{i})

                <img src="https://example.org/{i}.png" alt="figure {i}" width="80%">

                * [Paper {i}](https://arxiv.org/pdf/{i}.pdf)
                * [Code {i}](https://github.com/example/repo{i})
                * Talk {i}: https://www.youtube.com/watch?v={i}
                * [Shared link](https://example.org/shared)
                - [A title split
                  over two lines {i}](https://example.org/{i}/split)

                | Name | Link |
                |------|------|
                | Row {i} | [row](https://example.org/{i}/row) |

                Title {i} on its own line
                https://example.org/{i}/bare


                """));
        }

        return sb.ToString();
    }
}
