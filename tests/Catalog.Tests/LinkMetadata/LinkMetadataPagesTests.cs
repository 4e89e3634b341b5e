using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Pages;

namespace Catalog.Tests.LinkMetadata;

/// <summary>What readers see once metadata is fetched: labels, facts, the link page, the API and search.</summary>
public sealed class LinkMetadataPagesTests : IAsyncLifetime
{
    private MetadataWeb _web = null!;
    private MetadataCatalog _catalog = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await MetadataWeb.StartAsync();
        LinkMetadataRunTests.ServePages(_web);
        _catalog = new MetadataCatalog(_web);
        await _catalog.ImportMarkdownAsync(LinkMetadataRunTests.Seed);
        await _catalog.RunMetaAsync();
        _client = _catalog.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    private async Task<string> SlugAsync(string title)
    {
        var topics = await _client.GetFromJsonAsync<JsonElement>("/api/topics", TestContext.Current.CancellationToken);
        return topics.EnumerateArray().Single(t => t.GetProperty("title").GetString() == title).GetProperty("slug").GetString()!;
    }

    private async Task<Dictionary<string, (string Label, string Facts)>> RowsAsync(string topic)
    {
        var page = await _client.GetDocumentAsync("/topics/" + await SlugAsync(topic));
        return page.QuerySelectorAll(".link-list .link-row").ToDictionary(
            row => row.QuerySelector(".label")!.GetAttribute("href")!,
            row => (row.QuerySelector(".label")!.TextContent.Squash(), row.QuerySelector(".facts-line")?.TextContent.Squash() ?? ""));
    }

    [Fact]
    public async Task TopicRowsShowTheCuratorsLabelOrTheFetchedTitleWithAFactsLine()
    {
        var rows = await RowsAsync("Papers");

        Assert.Equal(("The NTK paper", "Arthur Jacot, Franck Gabriel, Clément Hongler · 2018 · Advances in Neural Information Processing Systems 31 (NeurIPS 2018)"),
            rows["https://arxiv.org/abs/1806.07572"]);
        Assert.Equal("Neural Tangent Kernel: Convergence and Generalization in Neural Networks", rows["https://arxiv.org/pdf/1806.07572v2"].Label);
        Assert.Equal(("Reconciling modern machine-learning practice and the classical bias–variance trade-off",
            "Mikhail Belkin, Daniel Hsu, Siyuan Ma et al. · 2019 · Proceedings of the National Academy of Sciences"), rows["https://doi.org/10.1073/pnas.1903070116"]);
    }

    [Fact]
    public async Task RepositoriesShowStarsAndVideosTheirChannel()
    {
        var rows = await RowsAsync("Code and talks");

        Assert.Equal(("google/neural-tangents", "★ 2,345 · Jupyter Notebook · archived"), rows["https://github.com/google/neural-tangents"]);
        Assert.Equal(("Tutorial: Theory of Deep Learning", "channel Simons Institute"), rows["https://www.youtube.com/watch?v=abc"]);
    }

    [Fact]
    public async Task ALinkWithNothingFetchedReadsAsHostAndPathAndHostileTitlesStayText()
    {
        var page = await _client.GetDocumentAsync("/topics/" + await SlugAsync("Elsewhere"));
        var rows = await RowsAsync("Elsewhere");

        Assert.Equal("nowhere.example.net/gone", rows["https://nowhere.example.net/gone"].Label);
        Assert.Equal("alert(1) Evil Title with bold", rows["https://hostile.example.com/x"].Label);
        Assert.Empty(page.QuerySelectorAll(".link-list script, .link-list b"));
        Assert.DoesNotContain('\u202e', page.Body!.TextContent);
    }

    [Fact]
    public async Task TheLinkPageShowsAllAuthorsTheAbstractSourcesAndTheSameWork()
    {
        var api = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=jacot", TestContext.Current.CancellationToken);
        var ids = await LinkIdsAsync();

        var page = await _client.GetDocumentAsync("/links/" + ids["https://arxiv.org/abs/1806.07572"]);

        var meta = page.QuerySelector(".link-meta")!;
        Assert.Equal("Arthur Jacot, Franck Gabriel, Clément Hongler", meta.QuerySelector(".authors")!.TextContent);
        Assert.Contains("At initialization", meta.QuerySelector(".abstract")!.TextContent);
        Assert.Contains("from arxiv", meta.TextContent);
        Assert.Equal("arXiv:1806.07572", meta.QuerySelector(".canonical-id")!.TextContent);
        Assert.Equal("https://arxiv.org/abs/1806.07572", meta.QuerySelector("a[href^='https://arxiv.org/abs/']")!.GetAttribute("href"));
        Assert.Equal(["https://arxiv.org/pdf/1806.07572v2"], page.QuerySelectorAll(".same-work > li > a:not(.same-work-topic)").Select(a => a.TextContent));
        Assert.Equal("The NTK paper", page.QuerySelector("h1")!.TextContent);
        Assert.True(api.GetProperty("total").GetInt32() >= 1);
    }

    private async Task<Dictionary<string, int>> LinkIdsAsync()
    {
        using var db = _catalog.OpenDatabase();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(db.Links, l => l.Url, l => l.Id, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ApiLinkObjectsCarryMetaWithCanonicalId()
    {
        var topic = await _client.GetFromJsonAsync<JsonElement>("/api/topics/" + await SlugAsync("Papers"), TestContext.Current.CancellationToken);

        var links = topic.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("url").GetString()!);
        var meta = links["https://doi.org/10.1073/pnas.1903070116"].GetProperty("meta");
        Assert.Equal(["title", "authors", "year", "venue", "abstract", "source", "fetchedAt", "canonicalId"], meta.EnumerateObject().Select(p => p.Name));
        Assert.Equal("doi:10.1073/pnas.1903070116", meta.GetProperty("canonicalId").GetString());
        Assert.Equal(2019, meta.GetProperty("year").GetInt32());
        Assert.Equal("crossref", meta.GetProperty("source").GetString());
        Assert.Equal("Mikhail Belkin", meta.GetProperty("authors")[0].GetString());
        Assert.Equal("arXiv:1806.07572", links["https://arxiv.org/pdf/1806.07572v2"].GetProperty("meta").GetProperty("canonicalId").GetString());
    }

    [Theory]
    [InlineData("Belkin", "https://doi.org/10.1073/pnas.1903070116")]
    [InlineData("Jacot", "https://arxiv.org/abs/1806.07572")] // one result for the work: its pdf URL is the same paper
    [InlineData("\"reconciling modern\"", "https://doi.org/10.1073/pnas.1903070116")]
    [InlineData("neural tangents infinite", "https://github.com/google/neural-tangents")]
    public async Task SearchFindsFetchedAuthorsAndTitles(string query, string url)
    {
        var response = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);

        Assert.Contains(url, response.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task CitationsUseTheFetchedAuthorsYearAndVenue()
    {
        var ids = await LinkIdsAsync();

        var bibtex = await _client.GetStringAsync($"/links/{ids["https://doi.org/10.1073/pnas.1903070116"]}/cite.bib", TestContext.Current.CancellationToken);

        Assert.Contains("Belkin", bibtex);
        Assert.Contains("2019", bibtex);
        Assert.Contains("Proceedings of the National Academy of Sciences", bibtex);
    }

    [Fact]
    public async Task SearchFacetsGainTheFetchedYearAndAYearNarrowsTheResults()
    {
        var page = await _client.GetDocumentAsync("/search?q=learning");
        var years = page.QuerySelectorAll(".search-facet").Single(f => f.QuerySelector("h2")!.TextContent == "Year")
            .QuerySelectorAll("li").ToDictionary(li => li.QuerySelector("a")!.TextContent, li => int.Parse(li.QuerySelector(".search-count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, years["2019"]);
        Assert.Equal(1, years["2017"]);
        var narrowed = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=learning&year=2017", TestContext.Current.CancellationToken);
        Assert.Equal(["https://www.openreview-like.example.org/forum?id=Sy8gdB9xx"], narrowed.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()));
    }
}
