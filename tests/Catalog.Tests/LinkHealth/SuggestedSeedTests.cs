using Catalog.Web.Links;

namespace Catalog.Tests.LinkHealth;

public sealed class SuggestedSeedTests
{
    private const string Seed = """
        # Links

        ## Papers

        - [Gone](https://example.org/paper) and its longer cousin https://example.org/paper/v2
        - [Moved](https://Example.org/old)
        - <https://site.example>
        - [Kept](https://example.org/kept)
        """;

    [Fact]
    public void EachFixedUrlIsReplacedWhereItStandsAsAWholeUrlAndNothingElseChanges()
    {
        var (text, changes) = SuggestedSeed.Apply(Seed,
        [
            new SeedFix("https://example.org/paper", "https://web.archive.org/web/20200101000000/https://example.org/paper"),
            new SeedFix("https://example.org/old", "https://example.org/new"),
            new SeedFix("https://site.example/", "https://site.example.net/"),
        ]);

        Assert.Equal(Seed
            .Replace("(https://example.org/paper)", "(https://web.archive.org/web/20200101000000/https://example.org/paper)", StringComparison.Ordinal)
            .Replace("https://Example.org/old", "https://example.org/new", StringComparison.Ordinal)
            .Replace("<https://site.example>", "<https://site.example.net/>", StringComparison.Ordinal), text);
        Assert.Equal([5, 6, 7], changes.Select(c => c.Line));
        Assert.Equal("- [Moved](https://Example.org/old)", changes[1].Before);
        Assert.Equal("- [Moved](https://example.org/new)", changes[1].After);
    }

    [Theory]
    [InlineData("https://example.org/paper", 5)]
    [InlineData("https://example.org/paper/v2", 5)]
    [InlineData("https://example.org/old", 6)]
    [InlineData("https://site.example/", 7)]
    [InlineData("https://example.org/elsewhere", null)]
    public void ALinksSeedLineIsWhereItsUrlFirstStands(string url, int? line) =>
        Assert.Equal(line, SuggestedSeed.LineOf(Seed, url));

    [Fact]
    public void AReplacementWithDollarSignsIsTakenLiterally()
    {
        var (text, _) = SuggestedSeed.Apply("- [a](https://a.example/x)\n", [new SeedFix("https://a.example/x", "https://a.example/$1")]);

        Assert.Equal("- [a](https://a.example/$1)\n", text);
    }
}
