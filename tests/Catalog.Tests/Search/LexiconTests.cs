using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>A person's name found where URLs write it: a handle made of the given name's letters and the surname.</summary>
public sealed class LexiconTests
{
    private static readonly Lexicon Words = new(
        [("lruthot", 5), ("yplu", 4), ("courses", 9), ("lunar", 2), ("ruthless", 1), ("gangulilab", 1), ("xylu", 1), ("kernel", 7), ("readingroup", 1), ("main", 6)], []);

    [Theory]
    [InlineData("lars", "ruthotto", "lruthot")]
    [InlineData("yiping", "lu", "yplu")]
    public void AHandleOfTheGivenNamesLettersAndTheSurnameIsFound(string given, string surname, string handle) =>
        Assert.Equal([handle], Words.Handles(given, surname));

    [Theory]
    [InlineData("lars", "ruthless")] // the whole word is the surname: no letters of a given name before it
    [InlineData("surya", "ganguli")] // the letters before the surname must begin with the given name's first letter
    [InlineData("xavier", "lu")] // "xy": y is not in "xavier"
    [InlineData("lars", "ru")] // "ruthless" goes on past a short surname
    [InlineData("neural", "kernel")]
    [InlineData("reading", "group")] // "readin" is more than a person's initials
    [InlineData("matrices", "in")] // a stop word is no surname
    public void WordsThatAreNotSuchAHandleAreNot(string given, string surname) =>
        Assert.Empty(Words.Handles(given, surname));
}
