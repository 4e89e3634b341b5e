using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>Respelling against the catalog's own words: a budget by length, and words that are names, not misspellings.</summary>
public sealed class TyposTests
{
    private static readonly Lexicon Words = new(
        [("theory", 12), ("thermodynamics", 3), ("transport", 9), ("transpose", 1), ("bottleneck", 4), ("flow", 3)], []);

    [Theory]
    [InlineData("theroy", "theory")]
    [InlineData("transprot", "transport")]
    [InlineData("thermodynamcis", "thermodynamics")]
    [InlineData("botleneck", "bottleneck")]
    public void AWordWithinItsBudgetIsRespeltToTheClosestKnownWord(string typed, string expected) =>
        Assert.Equal(expected, Typos.Correct(typed, Words));

    [Theory]
    [InlineData("flwo")]
    [InlineData("NTKS")]
    [InlineData("TRANSPROT")]
    [InlineData("知乎知乎知乎")]
    [InlineData("theor1")]
    public void ShortWordsAcronymsChineseAndWordsWithDigitsAreNeverRespelt(string typed) =>
        Assert.Null(Typos.Correct(typed, Words));

    [Fact]
    public void OneEditIsAllowedUnderNineLettersAndTwoFromNine()
    {
        Assert.Equal(0, Typos.Budget(4));
        Assert.Equal(1, Typos.Budget(5));
        Assert.Equal(1, Typos.Budget(8));
        Assert.Equal(2, Typos.Budget(9));
        Assert.Null(Typos.Correct("thoery", new Lexicon([("thorny", 1)], [])));
        Assert.Null(Typos.Correct("trnsprt", Words));
    }
}
