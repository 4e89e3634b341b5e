using Catalog.Web.Links.Metadata;

namespace Catalog.Tests.LinkMetadata;

public sealed class DisplayTests
{
    [Theory]
    [InlineData("The NTK paper", "https://arxiv.org/abs/1806.07572", "Neural Tangent Kernel", "The NTK paper")]
    [InlineData("https://arxiv.org/abs/1806.07572", "https://arxiv.org/abs/1806.07572", "Neural Tangent Kernel", "Neural Tangent Kernel")]
    [InlineData("https://www-m15.ma.tum.de/Allgemeines/MathFounNN", "https://www-m15.ma.tum.de/Allgemeines/MathFounNN", null, "www-m15.ma.tum.de/Allgemeines/MathFounNN")]
    [InlineData("", "https://example.org/%E6%B7%B1%E5%BA%A6/", null, "example.org/深度")]
    [InlineData("https://example.org/", "https://example.org/", null, "example.org")]
    public void TheCuratorsLabelWinsThenTheFetchedTitleThenAReadableUrl(string label, string url, string? fetched, string expected) =>
        Assert.Equal(expected, DisplayLabel.For(label, url, fetched));

    private static LinkMeta Meta(IReadOnlyList<string> authors, int? year = null, string? venue = null, int? stars = null, string? language = null, bool? archived = null) =>
        new("https://x.org/", "T", authors, year, null, venue, null, "html", DateTimeOffset.UnixEpoch, null, null, null, null, null, null, null, null,
            stars, language, archived, null, null, new Dictionary<string, MetadataRecord.FieldSource>());

    [Fact]
    public void TheFactsLineNamesThreeAuthorsThenEtAlThenYearAndVenue() =>
        Assert.Equal("A One, B Two, C Three et al. · 2019 · PNAS", Meta(["A One", "B Two", "C Three", "D Four"], 2019, "PNAS").Facts("paper"));

    [Fact]
    public void ARepositorysFactsAreStarsLanguageAndArchived() =>
        Assert.Equal("★ 2,345 · Python · archived", Meta([], stars: 2345, language: "Python", archived: true).Facts("code"));

    [Fact]
    public void AVideosFactIsItsChannel() =>
        Assert.Equal("channel Simons Institute", Meta(["Simons Institute"]).Facts("video"));

    [Fact]
    public void NothingKnownIsNoFactsLine() => Assert.Equal("", Meta([]).Facts("other"));
}
