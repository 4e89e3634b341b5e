using Catalog.Web.Import;
using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

/// <summary>What the importer makes of the real seed, science-of-deep-learning.md.</summary>
public sealed class SeedTests
{
    private static readonly Lazy<ParsedCatalog> s_seed = new(() => SeedParser.Parse(File.ReadAllText(SeedPath), "science-of-deep-learning.md"));

    private static ParsedCatalog Seed => s_seed.Value;

    [Fact]
    public void SeedHasItsSeventeenHeadingsAsTopics()
    {
        Assert.Equal(17, Seed.Topics.Count);
        Assert.Equal(17, Seed.Headings);
        Assert.Equal("science-of-deep-learning", Seed.Topics[0].Slug);
    }

    [Fact]
    public void SeedCountsAreKnown() =>
        Assert.Equal((291, 268, 13, 3), (Seed.LinkCount, Seed.DistinctUrlCount, Seed.QuoteCount, Seed.ImageCount));

    [Theory]
    [InlineData("deep-learning-reading-group", 3, "science-of-deep-learning")]
    [InlineData("physics-and-deep-learning", 2, "science-of-deep-learning")]
    [InlineData("deep-unrolling", 3, "numerical-analysis-for-deep-learning")]
    [InlineData("neural-ordinary-differential-equations", 3, "dynamics-and-deep-learning")]
    [InlineData("the-f-principle", 3, "approximation-theory-for-deep-learning")]
    [InlineData("science-of-deep-learning", 1, null)]
    public void SeedTopicsNestByHeadingLevel(string slug, int level, string? parentSlug)
    {
        var topic = Topic(Seed, slug);

        Assert.Equal((level, parentSlug), (topic.Level, topic.ParentSlug));
    }

    [Fact]
    public void ZhihuUrlTakesThePaperTitleAboveItAsLabel()
    {
        var link = Assert.Single(Seed.Topics.SelectMany(t => t.Links), l => l.Url == "https://zhuanlan.zhihu.com/p/40097048");

        Assert.Equal("2018上海交通大学深度学习理论前沿研讨会 - 凌泽南的文章 - 知乎", link.Label);
    }

    [Fact]
    public void NumericalAnalysisIntroIsItsOwnSentence()
    {
        var topic = Topic(Seed, "numerical-analysis-for-deep-learning");

        Assert.Contains("This section is on insight from numerical analysis", topic.IntroMarkdown, StringComparison.Ordinal);
        Assert.Contains("This section is on insight from numerical analysis", topic.IntroHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void DynamicsIntroKeepsItsMath()
    {
        var topic = Topic(Seed, "dynamics-and-deep-learning");

        Assert.Contains("$f_t$", topic.IntroMarkdown, StringComparison.Ordinal);
        Assert.Contains("<span class=\"math\">\\(f_t\\)</span>", topic.IntroHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedImagesAreTheThreeFigures() =>
        Assert.Equal(
            ["https://d2r55xnwy6nx47.cloudfront.net/uploads/2017/09/InfoBottleneck_2880x1620.jpg", "http://www.mathcs.emory.edu/~lruthot/img/DeepLearning.png", "https://rkevingibson.github.io/img/ode_networks_1.png"],
            Seed.Topics.SelectMany(t => t.Images).Select(i => i.Src));

    [Fact]
    public void InverseProblemAbstractOverTwoParagraphsIsOneQuote()
    {
        var quote = Assert.Single(Topic(Seed, "inverse-problem-and-deep-learning").Quotes);

        Assert.Equal("https://deep-inverse.org/", quote.Url);
        Assert.StartsWith("There is a long history of algorithmic development", quote.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nToday, the best performing approaches", quote.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkTextSplitOverTwoLinesInTheSeedIsJoined() =>
        Assert.Contains(Seed.Topics.SelectMany(t => t.Links), l => l.Label == "A Differentiable Physics Engine for Deep Learning");

    [Fact]
    public void SeedHasNoWarnings() => Assert.Empty(Seed.Warnings);
}
