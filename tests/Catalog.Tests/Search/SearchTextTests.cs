using System.Net;
using Catalog.Web.Search;

namespace Catalog.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("2018上海交通大学 - 知乎 https://zhuanlan.zhihu.com")]
    [InlineData("深度学习")]
    [InlineData("no CJK at all")]
    [InlineData("")]
    public void SegmentingAndUnsegmentingGivesTheTextBack(string text)
    {
        Assert.Equal(text, SearchText.Unsegment(SearchText.Segment(text)));
    }

    [Fact]
    public void SegmentPutsEveryCjkCharacterInItsOwnToken()
    {
        Assert.Equal("2018\u200B上\u200B海 x", SearchText.Segment("2018上海 x"));
    }

    [Fact]
    public void SnippetIsEncodedBeforeTheMarkersBecomeMarkTags()
    {
        var html = Snippets.ToHtml("<script>&\"'\uE000Optimal\uE001 \uE000知\u200B乎\uE001</script>");

        Assert.Equal("&lt;script&gt;&amp;&quot;&#39;<mark>Optimal</mark> <mark>知乎</mark>&lt;/script&gt;", html);
    }

    [Fact]
    public void EverySnippetIsEncodedAsWebUtilityEncodesIt()
    {
        // Snippets of every length with the characters that change anywhere among others, beside each other, at the
        // ends, or not at all. WebUtility encodes the same five characters the same way, and leaves these others alone
        // (it writes Latin-1's upper half as numbers, which is why none is among them).
        const string alphabet = "ab 知\u0101&<>\"'\uE000\uE001";
        var random = new Random(18);
        for (var i = 0; i < 5_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var expected = WebUtility.HtmlEncode(text)
                .Replace(SearchText.MarkStart.ToString(), "<mark>", StringComparison.Ordinal)
                .Replace(SearchText.MarkEnd.ToString(), "</mark>", StringComparison.Ordinal);

            Assert.Equal(expected, Snippets.ToHtml(text));
        }
    }

    [Fact]
    public void UrlWordsHaveHostLabelsPathWordsAndTheArxivIdWhole()
    {
        var words = SearchText.UrlWords("https://arxiv.org/pdf/1811.03962.pdf").Split(' ');

        Assert.Contains("arxiv.org", words);
        Assert.Contains("arxiv", words);
        Assert.Contains("1811.03962", words);
        Assert.Contains("pdf", words);
    }

    [Theory]
    [InlineData("Kantoróvich", "kantorovich")]
    [InlineData("ÉCOLE", "ecole")]
    [InlineData("深度", "深度")]
    public void FoldLowersAndRemovesDiacriticsAsTheTokenizerDoes(string word, string folded)
    {
        Assert.Equal(folded, SearchText.Fold(word));
    }

    [Theory]
    [InlineData("kantorovch", "kantorovich", 1)]
    [InlineData("matrx", "matrix", 1)]
    [InlineData("teh", "the", 1)]
    [InlineData("randm", "random", 1)]
    [InlineData("abc", "xyz", 3)]
    public void EditDistanceCountsInsertsDeletesSubstitutionsAndSwaps(string a, string b, int edits)
    {
        Assert.Equal(edits, Vocabulary.EditDistance(a, b));
    }
}
