using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>
/// Site names the catalog writes in another script than their hosts': found at the end of a copied page title, and
/// paired with the host only when nothing else claims either.
/// </summary>
public sealed class SiteNamesTests
{
    [Fact]
    public void ThePageTitleTheSeedCopiedEndsWithTheSitesNameForItsHost() =>
        Assert.Equal(("知乎", "zhihu"), SiteNames.Find("2018上海交通大学深度学习理论前沿研讨会 - 凌泽南的文章 - 知乎", "https://zhuanlan.zhihu.com/p/40097048"));

    [Theory]
    [InlineData("Machine Learning - Stanford", "http://cs229.stanford.edu/")] // the host spells it already
    [InlineData("Deep unrolling", "https://zhuanlan.zhihu.com/p/44003318")] // no name after a dash
    [InlineData("知乎", "https://zhuanlan.zhihu.com/p/1")] // the whole label: nothing before the name
    [InlineData("深度学习 - 第2部分", "https://example.org/2")] // a digit: a part, not a name
    [InlineData("深度学习 - 很长很长的一段副标题文字", "https://example.org/3")] // longer than a site's name
    [InlineData("深度学习 - 知乎", "http://127.0.0.1/p/1")] // an address names no site
    public void ALabelThatEndsWithNoSiteNameInAnotherScriptHasNone(string label, string url) =>
        Assert.Null(SiteNames.Find(label, url));

    [Theory]
    [InlineData("https://zhuanlan.zhihu.com/p/40097048", "zhihu")]
    [InlineData("https://www.ibm.com/developerworks/cn/", "ibm")]
    [InlineData("http://www.pku.edu.cn/", "pku")]
    [InlineData("https://www.cs.ox.ac.uk/people/", "ox")]
    [InlineData("https://example.org/", "example")]
    [InlineData("https://localhost/", null)]
    public void AHostsNameIsTheLabelBeforeItsPublicEnding(string url, string? name) =>
        Assert.Equal(name, SiteNames.HostName(url));

    [Fact]
    public void ANameIsPairedOnlyWhenOneHostHasItAndItHasOneHostAndItIsWrittenMostlyAsTheName()
    {
        (string, string, string)[] found =
        [
            ("https://zhuanlan.zhihu.com/p/1", "知乎", "zhihu"),
            ("https://zhuanlan.zhihu.com/p/2", "知乎", "zhihu"),
            ("https://www.ibm.com/a", "协同过滤", "ibm"), // one host, two names: neither is the site's
            ("https://www.ibm.com/b", "聚类", "ibm"),
            ("https://habr.com/a", "Хабр", "habr"),
            ("https://a.example.org/x", "样例", "example"), // one name on two hosts
            ("https://b.sample.org/x", "样例", "sample"),
        ];
        var documents = new Dictionary<string, int> { ["知乎"] = 4, ["协同过滤"] = 1, ["聚类"] = 1, ["Хабр"] = 3, ["样例"] = 2 };

        var pairs = SiteNames.Pair(found, name => documents[name]);

        // Хабр is written in three documents but names one link: a word of the text, not only the site's name.
        Assert.Equal(new Dictionary<string, string> { ["知乎"] = "zhihu" }, pairs);
    }

    [Fact]
    public void AHostsNamesThatAllHoldTheShortestAreOneSitesAndEachCountsTheLinksOfTheLongerOnes()
    {
        // Older zhihu pages end "- 知乎专栏", newer ones "- 知乎": 知乎 is in all five documents and names the five links.
        (string, string, string)[] found =
        [
            ("https://zhuanlan.zhihu.com/p/1", "知乎专栏", "zhihu"),
            ("https://zhuanlan.zhihu.com/p/2", "知乎专栏", "zhihu"),
            ("https://zhuanlan.zhihu.com/p/3", "知乎专栏", "zhihu"),
            ("https://zhuanlan.zhihu.com/p/4", "知乎专栏", "zhihu"),
            ("https://zhuanlan.zhihu.com/p/5", "知乎", "zhihu"),
        ];
        var documents = new Dictionary<string, int> { ["知乎"] = 5, ["知乎专栏"] = 4 };

        var pairs = SiteNames.Pair(found, name => documents[name]);

        Assert.Equal(new Dictionary<string, string> { ["知乎"] = "zhihu", ["知乎专栏"] = "zhihu" }, pairs);
    }

    [Fact]
    public void TheLexiconLooksANameUpFoldedAndKnowsNoOther()
    {
        var lexicon = new Lexicon([], [], siteHosts: new Dictionary<string, string> { ["Хабр"] = "habr" });

        Assert.Equal("habr", lexicon.SiteHost("хабр"));
        Assert.Null(lexicon.SiteHost("habr"));
    }
}
