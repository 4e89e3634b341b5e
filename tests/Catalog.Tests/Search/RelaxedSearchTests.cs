using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>Lexical search that finds what people mean (issue 18), through /api/search on the seed, semantic ranking off.</summary>
public sealed class RelaxedSearchTests(SeededCatalogs catalogs) : IClassFixture<SeededCatalogs>
{
    [Fact]
    public void TheSeedsAcronymDefinitionsArePairedWithTheirLongForms()
    {
        var pairs = Acronyms.Find("a framework to analyze the Deep Neural Network (DNN) training process; Optimal transport (OT) provides").ToList();

        Assert.Contains(pairs, p => p.Acronym == "dnn" && p.LongForm.SequenceEqual(["deep", "neural", "network"]));
        Assert.Contains(pairs, p => p.Acronym == "ot" && p.LongForm.SequenceEqual(["optimal", "transport"]));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AnAcronymFindsLinksThatOnlyWriteItsLongForm(DatabaseProvider provider)
    {
        var json = await SearchAsync(provider, "DNN");

        var urls = Urls(json);
        Assert.Contains("https://www.math.tu-berlin.de/fileadmin/i26_fg-kutyniok/Kutyniok/Papers/Parametric_PDEs_and_NNs_.pdf", urls);
    }

    [Theory]
    [OnEachDatabase]
    public async Task WordsNoLinkHasTogetherStillAnswerWithThoseThatHaveMostOfThem(DatabaseProvider provider)
    {
        var json = await SearchAsync(provider, "thermodynamics zebra learning");

        Assert.True(json.GetProperty("partial").GetBoolean());
        Assert.Equal("https://phys.org/news/2017-02-thermodynamics.html", Urls(json)[0]);
    }

    [Theory]
    [OnEachDatabase]
    public async Task ALinkWithTheQuerysRareWordRanksAboveLinksWithOnlyItsCommonOnes(DatabaseProvider provider)
    {
        // No link has all three words; ten have the two common ones, one has the rare one. Counting words, the ten
        // come first; weighing them by rarity, the summer course does.
        var networks = string.Concat(Enumerable.Range(1, 10).Select(i => $"* [Neural networks, part {i}](https://example.org/networks/{i})\n"));
        var seed = $"""
            # Readings

            ## Lectures

            {networks}
            ## Courses

            * [Summer course on brains and machines](https://example.org/summer)
            * [Winter course on brains](https://example.org/winter)

            """;
        using var catalog = EmptyCatalogFactory.On(provider);
        await catalog.ImportAsync(new SeedFile("rare.md", System.Text.Encoding.UTF8.GetBytes(seed)));

        var json = JsonDocument.Parse(await catalog.CreateClient().GetStringAsync("/api/search?q=summer+neural+networks", TestContext.Current.CancellationToken)).RootElement;

        Assert.True(json.GetProperty("partial").GetBoolean());
        Assert.Equal("https://example.org/summer", Urls(json)[0]);
        Assert.Equal(11, Urls(json).Count);
    }

    [Theory]
    [OnEachDatabase]
    public async Task WordsOnlyInATopicsIntroFindTheTopicAndItsLinks(DatabaseProvider provider)
    {
        var json = await SearchAsync(provider, "expression power shallow");

        Assert.Equal("approximation-theory-for-deep-learning", json.GetProperty("topics")[0].GetProperty("slug").GetString());
        Assert.Contains("https://cpb-us-w2.wpmucdn.com/blog.nus.edu.sg/dist/d/11132/files/2019/07/paper_cnn_copy.pdf", Urls(json).Take(10));
    }

    [Theory]
    [OnEachDatabase]
    public async Task ARespeltQuerySaysWhatItSearchedAndHowToSearchTheWordsAsTyped(DatabaseProvider provider)
    {
        var json = await SearchAsync(provider, "random matrix theroy");

        Assert.Equal("random matrix theory", json.GetProperty("searchedFor").GetString());
        Assert.Equal("random matrix \"theroy\"", json.GetProperty("searchInsteadFor").GetString());
        Assert.Equal(JsonValueKind.Null, (await SearchAsync(provider, "random matrix \"theroy\"")).GetProperty("searchedFor").ValueKind);
    }

    [Theory]
    [OnEachDatabase]
    public async Task ARelaxedAnswerKeepsItsFilters(DatabaseProvider provider)
    {
        const string Topic = "approximation-theory-for-deep-learning";
        var json = await SearchAsync(provider, "expression power shallow", $"&kind=paper&topic={Topic}&host=arxiv.org");

        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r =>
        {
            Assert.Equal("paper", r.GetProperty("kind").GetString());
            Assert.Equal("arxiv.org", r.GetProperty("host").GetString());
            Assert.Contains(Topic, r.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        });
    }

    private async Task<JsonElement> SearchAsync(DatabaseProvider provider, string query, string filters = "") =>
        JsonDocument.Parse(await catalogs.Client(provider).GetStringAsync("/api/search?q=" + Uri.EscapeDataString(query) + filters, TestContext.Current.CancellationToken)).RootElement;

    private static List<string> Urls(JsonElement json) =>
        [.. json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)];
}
