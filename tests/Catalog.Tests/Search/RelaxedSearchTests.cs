using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>Lexical search that finds what people mean (issue 18), through /api/search on the seed, semantic ranking off.</summary>
public sealed class RelaxedSearchTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public void TheSeedsAcronymDefinitionsArePairedWithTheirLongForms()
    {
        var pairs = Acronyms.Find("a framework to analyze the Deep Neural Network (DNN) training process; Optimal transport (OT) provides").ToList();

        Assert.Contains(pairs, p => p.Acronym == "dnn" && p.LongForm.SequenceEqual(["deep", "neural", "network"]));
        Assert.Contains(pairs, p => p.Acronym == "ot" && p.LongForm.SequenceEqual(["optimal", "transport"]));
    }

    [Fact]
    public async Task AnAcronymFindsLinksThatOnlyWriteItsLongForm()
    {
        var json = await SearchAsync("DNN");

        var urls = Urls(json);
        Assert.Contains("https://www.math.tu-berlin.de/fileadmin/i26_fg-kutyniok/Kutyniok/Papers/Parametric_PDEs_and_NNs_.pdf", urls);
    }

    [Fact]
    public async Task WordsNoLinkHasTogetherStillAnswerWithThoseThatHaveMostOfThem()
    {
        var json = await SearchAsync("thermodynamics zebra learning");

        Assert.True(json.GetProperty("partial").GetBoolean());
        Assert.Equal("https://phys.org/news/2017-02-thermodynamics.html", Urls(json)[0]);
    }

    [Fact]
    public async Task WordsOnlyInATopicsIntroFindTheTopicAndItsLinks()
    {
        var json = await SearchAsync("expression power shallow");

        Assert.Equal("approximation-theory-for-deep-learning", json.GetProperty("topics")[0].GetProperty("slug").GetString());
        Assert.Contains("https://cpb-us-w2.wpmucdn.com/blog.nus.edu.sg/dist/d/11132/files/2019/07/paper_cnn_copy.pdf", Urls(json).Take(10));
    }

    [Fact]
    public async Task ARespeltQuerySaysWhatItSearchedAndHowToSearchTheWordsAsTyped()
    {
        var json = await SearchAsync("random matrix theroy");

        Assert.Equal("random matrix theory", json.GetProperty("searchedFor").GetString());
        Assert.Equal("random matrix \"theroy\"", json.GetProperty("searchInsteadFor").GetString());
        Assert.Equal(JsonValueKind.Null, (await SearchAsync("random matrix \"theroy\"")).GetProperty("searchedFor").ValueKind);
    }

    private async Task<JsonElement> SearchAsync(string query) =>
        JsonDocument.Parse(await _client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken)).RootElement;

    private static List<string> Urls(JsonElement json) =>
        [.. json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)];
}
