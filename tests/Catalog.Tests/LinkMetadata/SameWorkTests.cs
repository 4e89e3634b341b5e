using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkMetadata;

/// <summary>
/// One paper, one identity: the abs, pdf and versioned URLs of a preprint, or a DOI and its publisher's page, are one
/// work from the moment they are imported (nothing fetched), so "also in", the link page and search join them.
/// </summary>
public sealed class SameWorkTests : IAsyncLifetime
{
    private const string Seed = """
        # Works

        ## Papers

        - [The NTK paper](https://arxiv.org/abs/1806.07572)
        - [Tangent kernel as a PDF](https://arxiv.org/pdf/1806.07572v2)
        - [Double descent](https://doi.org/10.1073/pnas.1903070116)

        ## Kernels

        - [NTK, third version](https://arxiv.org/abs/1806.07572v3)
        - [A kernel survey](https://kernels.example.org/survey)

        ## Publishers

        - [Double descent at PNAS](https://www.pnas.org/doi/10.1073/pnas.1903070116)
        """;

    private const string Abs = "https://arxiv.org/abs/1806.07572";
    private const string Pdf = "https://arxiv.org/pdf/1806.07572v2";
    private const string V3 = "https://arxiv.org/abs/1806.07572v3";
    private const string Doi = "https://doi.org/10.1073/pnas.1903070116";
    private const string Pnas = "https://www.pnas.org/doi/10.1073/pnas.1903070116";

    // The search tests run on each database, the others on SQLite; each test's catalog is made when it asks for it.
    private readonly Dictionary<DatabaseProvider, EmptyCatalogFactory> _catalogs = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var catalog in _catalogs.Values)
        {
            await catalog.DisposeAsync();
        }
    }

    private async Task<EmptyCatalogFactory> CatalogAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        if (!_catalogs.TryGetValue(provider, out var catalog))
        {
            _catalogs[provider] = catalog = EmptyCatalogFactory.On(provider);
            await catalog.ImportAsync(new SeedFile("works.md", Encoding.UTF8.GetBytes(Seed)));
        }

        return catalog;
    }

    private async Task<HttpClient> ClientAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) => (await CatalogAsync(provider)).CreateClient();

    private async Task<JsonElement> SearchAsync(DatabaseProvider provider, string query) =>
        await (await ClientAsync(provider)).GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(query), Ct);

    private static List<string> Urls(JsonElement response) =>
        [.. response.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)];

    private static List<string> AlsoAt(JsonElement response, string url) =>
        [.. response.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("url").GetString() == url)
            .GetProperty("alsoAt").EnumerateArray().Select(u => u.GetString()!)];

    [Fact]
    public async Task AnImportGivesArxivAndDoiLinksTheirCanonicalIdBeforeAnythingIsFetched()
    {
        using var db = (await CatalogAsync()).OpenDatabase();
        var rows = await db.LinkMetadata.ToDictionaryAsync(r => r.Url, Ct);

        Assert.Equal([Abs, V3, Pdf], rows.Values.Where(r => r.CanonicalId == "arXiv:1806.07572").Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.Equal([Doi, Pnas], rows.Values.Where(r => r.CanonicalId == "doi:10.1073/pnas.1903070116").Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("https://kernels.example.org/survey", rows.Keys);
        Assert.All(rows.Values, r => Assert.Null(r.FetchedAt));
    }

    [Fact]
    public async Task AlsoInJoinsTheTopicsThatListTheSameWorkUnderAnotherUrl()
    {
        var slugs = (await (await ClientAsync()).GetFromJsonAsync<JsonElement>("/api/topics", Ct)).EnumerateArray()
            .ToDictionary(t => t.GetProperty("title").GetString()!, t => t.GetProperty("slug").GetString()!);

        var papers = await AlsoInAsync(slugs["Papers"]);
        var kernels = await AlsoInAsync(slugs["Kernels"]);

        Assert.Equal(["Kernels"], papers[Abs]);
        Assert.Equal(["Kernels"], papers[Pdf]);
        Assert.Equal(["Publishers"], papers[Doi]);
        Assert.Equal(["Papers"], kernels[V3]);
        Assert.Empty(kernels["https://kernels.example.org/survey"]);
    }

    private async Task<Dictionary<string, List<string>>> AlsoInAsync(string slug)
    {
        var page = await (await ClientAsync()).GetDocumentAsync("/topics/" + slug);
        return page.QuerySelectorAll(".link-list ol.links > li").ToDictionary(
            li => li.QuerySelector("a.label")!.GetAttribute("href")!,
            li => li.QuerySelectorAll("p.also-in a").Select(a => a.TextContent).ToList());
    }

    [Theory]
    [OnEachDatabase]
    public async Task SearchShowsAWorkOnceAndNamesItsOtherUrls(DatabaseProvider provider)
    {
        var ntk = await SearchAsync(provider, "NTK");
        var descent = await SearchAsync(provider, "double descent");

        var kept = Assert.Single(Urls(ntk));
        Assert.Equal(1, ntk.GetProperty("total").GetInt32());
        Assert.Equal(new[] { Abs, V3, Pdf }.Where(u => u != kept), AlsoAt(ntk, kept).Order(StringComparer.Ordinal));
        var keptPaper = Assert.Single(Urls(descent));
        Assert.Equal([keptPaper == Doi ? Pnas : Doi], AlsoAt(descent, keptPaper));
    }

    [Theory]
    [OnEachDatabase]
    public async Task TheKeptResultIsTheBestRankedUrlOfTheWork(DatabaseProvider provider)
    {
        // Only the PDF's label says "PDF"; the other URLs of the work match through their URL words at most.
        var pdf = await SearchAsync(provider, "tangent kernel pdf");

        Assert.Equal(Pdf, Urls(pdf)[0]);
        Assert.DoesNotContain(Urls(pdf), u => u is Abs or V3);
        Assert.Equal([Abs, V3], AlsoAt(pdf, Pdf).Order(StringComparer.Ordinal));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AFilterChoosesAmongTheWorksUrlsBeforeOneIsKept(DatabaseProvider provider)
    {
        var atPnas = await (await ClientAsync(provider)).GetFromJsonAsync<JsonElement>("/api/search?q=descent&host=pnas.org", Ct);

        Assert.Equal([Pnas], Urls(atPnas));
        Assert.Equal([Doi], AlsoAt(atPnas, Pnas));
    }

    [Theory]
    [OnEachDatabase]
    public async Task TheSearchPageCountsAndShowsTheWorkOnce(DatabaseProvider provider)
    {
        var page = await (await ClientAsync(provider)).GetDocumentAsync("/search?q=ntk");

        var result = Assert.Single(page.QuerySelectorAll(".search-result"));
        Assert.Equal(2, result.QuerySelectorAll(".search-also-at a").Length);
        var kinds = page.QuerySelectorAll(".search-facet").Single(f => f.QuerySelector("h2")!.TextContent == "Kind");
        Assert.Equal("1", kinds.QuerySelector(".search-count")!.TextContent);
    }

    [Theory]
    [OnEachDatabase]
    public async Task ARelaxedSearchKeepsOneResultPerWork(DatabaseProvider provider)
    {
        // No link has both words: the relaxed answer ranks any-word matches, and still lists the work once.
        var relaxed = await SearchAsync(provider, "ntk survey");

        Assert.True(relaxed.GetProperty("partial").GetBoolean());
        Assert.Single(Urls(relaxed), u => u is Abs or Pdf or V3);
        Assert.Contains("https://kernels.example.org/survey", Urls(relaxed));
    }

    [Fact]
    public async Task TheLinkPageListsTheSameWorkAtItsOtherUrlsWithTheirTopics()
    {
        using var db = (await CatalogAsync()).OpenDatabase();
        var ids = await db.Links.ToDictionaryAsync(l => l.Url, l => l.Id, Ct);

        var page = await (await ClientAsync()).GetDocumentAsync($"/links/{ids[Abs]}");

        var items = page.QuerySelectorAll(".same-work > li").ToDictionary(
            li => li.QuerySelector("a")!.TextContent, li => li.QuerySelectorAll("a.same-work-topic").Select(a => a.TextContent).ToList());
        Assert.Equal([V3, Pdf], items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Papers"], items[Pdf]);
        Assert.Equal(["Kernels"], items[V3]);
        Assert.Equal($"/links/{ids[V3]}", page.QuerySelectorAll(".same-work > li > a").Single(a => a.TextContent == V3).GetAttribute("href"));
    }
}
