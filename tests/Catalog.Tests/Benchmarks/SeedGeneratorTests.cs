using System.Text;
using Catalog.Benchmarks.Generation;
using Catalog.Web.Import;
using Catalog.Web.Search;

namespace Catalog.Tests.Benchmarks;

/// <summary>The benchmark corpus must be the same file on every machine and run, and as large as the figures claim.</summary>
public sealed class SeedGeneratorTests
{
    private static readonly string s_seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", "science-of-deep-learning.md"));
    private static readonly ParsedCatalog s_seedParsed = SeedParser.Parse(s_seed, "seed.md");

    [Fact]
    public void SameScaleAndSeedNumberGiveTheSameFile()
    {
        Assert.Equal(SeedGenerator.Generate(s_seed, 50), SeedGenerator.Generate(s_seed, 50));
        Assert.NotEqual(SeedGenerator.Generate(s_seed, 50), SeedGenerator.Generate(s_seed, 50, seedNumber: 7));
    }

    [Fact]
    public void OneTimesTheSeedIsTheSeedItself()
    {
        Assert.Equal(s_seed, SeedGenerator.Generate(s_seed, 1));
    }

    [Fact]
    public void FiftyTimesTheSeedHasFiftyTimesItsTopicsLinksQuotesAndImages()
    {
        var text = SeedGenerator.Generate(s_seed, 50);
        var parsed = SeedParser.Parse(text, "catalog-50x.md");

        var bytes = Encoding.UTF8.GetByteCount(text);
        var seedBytes = Encoding.UTF8.GetByteCount(s_seed);
        Assert.InRange(bytes, 50 * seedBytes, 53 * seedBytes);
        Assert.Equal(50 * s_seedParsed.Headings, parsed.Headings);
        Assert.Equal(50 * s_seedParsed.LinkCount, parsed.LinkCount);
        Assert.Equal(50 * s_seedParsed.QuoteCount, parsed.QuoteCount);
        Assert.Equal(50 * s_seedParsed.ImageCount, parsed.ImageCount);
        Assert.Empty(parsed.Warnings);
    }

    [Fact]
    public void FiftyTimesTheSeedRepeatsSomeUrlsAcrossVolumesButNotMost()
    {
        var parsed = SeedParser.Parse(SeedGenerator.Generate(s_seed, 50), "catalog-50x.md");

        var distinctShare = (double)parsed.DistinctUrlCount / parsed.LinkCount;
        Assert.InRange(distinctShare, 0.6, 0.85);
        var topicsPerUrl = parsed.Topics.SelectMany(t => t.Links.Select(l => (l.Url, t.Slug))).Distinct()
            .GroupBy(x => x.Url).Select(g => g.Count()).ToList();
        Assert.Contains(topicsPerUrl, n => n >= 50);
    }

    [Fact]
    public void LargeCorpusVariesTitlesAndCarriesChineseText()
    {
        var parsed = SeedParser.Parse(SeedGenerator.Generate(s_seed, 50), "catalog-50x.md");

        Assert.Equal(parsed.Headings, parsed.Topics.Select(t => t.Title).Distinct().Count());
        var chineseTitles = parsed.Topics.Count(t => t.Title.Any(SearchText.IsCjk));
        Assert.InRange(chineseTitles, 1, parsed.Headings / 3);
    }

    [Fact]
    public void TwoHundredTimesTheSeedIsSevenToEightMegabytes()
    {
        var bytes = Encoding.UTF8.GetByteCount(SeedGenerator.Generate(s_seed, 200));

        Assert.InRange(bytes, 7_000_000, 8_000_000);
    }
}
