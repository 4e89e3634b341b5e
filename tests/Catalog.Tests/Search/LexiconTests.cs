using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>
/// What the lexicon finds in the catalog's words: a person's name where URLs write it (a handle made of the given
/// name's letters and the surname), words run together, and how telling a word is.
/// </summary>
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

    [Fact]
    public void AWordsRarityCountsTheDocumentsOfItsOtherFormsAndAnUnknownWordIsTheRarest()
    {
        var lexicon = new Lexicon([("layer", 10), ("layers", 20), ("layered", 5), ("lay", 40), ("keep", 1), ("keeps", 1), ("learning", 400)], [], documents: 100);
        static double Idf(double n) => Math.Log(1 + (100 - n + 0.5) / (n + 0.5));

        Assert.Equal(Idf(35), lexicon.Rarity("layers"), 9); // layer, layers, layered: not "lay", shorter than the root
        Assert.Equal(Idf(2), lexicon.Rarity("keep"), 9);
        Assert.Equal(Idf(100), lexicon.Rarity("learning"), 9); // more than the catalog's documents counts as all of them
        Assert.Equal(Idf(1), lexicon.Rarity("zebra"), 9);
        Assert.True(lexicon.Rarity("zebra") > lexicon.Rarity("keep") && lexicon.Rarity("keep") > lexicon.Rarity("layers"));
    }

    private static readonly Lexicon Runs = new(
        [("networkinterpretability", 1), ("network", 13), ("interpretability", 1), ("topologylayer", 1), ("topology", 11), ("layer", 3),
         ("moreover", 1), ("more", 3), ("over", 2), ("datasets", 2), ("data", 11), ("sets", 1), ("deeplearning", 4), ("deep", 266), ("learning", 255),
         ("deeplearningtheory", 1), ("theory", 69), ("net", 2), ("netlayer", 1), ("cs231n", 1)], []);

    [Theory]
    [InlineData("interpretability", "networkinterpretability")]
    [InlineData("network", "networkinterpretability")]
    [InlineData("topology", "topologylayer")]
    [InlineData("layer", "topologylayer")] // "netlayer": "net" is shorter than four letters
    [InlineData("learning", "deeplearning")]
    [InlineData("deeplearning", "deeplearningtheory")]
    [InlineData("theory", "deeplearningtheory")]
    public void AWordFindsTheLongerWordsItIsPartOfNextToAnotherWord(string word, string compound) =>
        Assert.Equal([compound], Runs.Compounds(word));

    [Theory]
    [InlineData("more")] // under five letters: "moreover" is no compound of it
    [InlineData("data")]
    [InlineData("deep")]
    [InlineData("networkinterpretability")] // a compound is no part of itself
    [InlineData("interpret")] // a word the catalog does not have
    public void ShortUnknownOrWholeWordsFindNoLongerWords(string word) =>
        Assert.Empty(Runs.Compounds(word));
}
