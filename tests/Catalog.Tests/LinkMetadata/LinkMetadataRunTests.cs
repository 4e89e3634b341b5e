using Catalog.Web.Data;
using Catalog.Web.Links.Metadata;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkMetadata;

public sealed class LinkMetadataRunTests : IAsyncLifetime
{
    public const string Seed = """
        # Links

        ## Papers

        - [The NTK paper](https://arxiv.org/abs/1806.07572)
        - https://arxiv.org/pdf/1806.07572v2
        - https://arxiv.org/abs/hep-th/9901001
        - https://arxiv.org/abs/2001.00001
        - https://doi.org/10.1073/pnas.1903070116
        - https://www.openreview-like.example.org/forum?id=Sy8gdB9xx

        ## Code and talks

        - https://github.com/google/neural-tangents
        - https://www.youtube.com/watch?v=abc

        ## Elsewhere

        - https://math.example.edu/dl-theory
        - https://summer.example.org/2021
        - https://ada.example.org/
        - https://gbk.example.cn/index.html
        - https://writing.example.com/post-1
        - https://hostile.example.com/x
        - https://nowhere.example.net/gone
        """;

    private MetadataWeb _web = null!;
    private MetadataCatalog _catalog = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await MetadataWeb.StartAsync();
        ServePages(_web);
        _web.ArxivFlaky.Add("2001.00001");
        _catalog = new MetadataCatalog(_web);
    }

    internal static void ServePages(MetadataWeb web)
    {
        web.Page("https://www.openreview-like.example.org/forum?id=Sy8gdB9xx", "highwire.html");
        web.Page("https://math.example.edu/dl-theory", "json-ld-course.html");
        web.Page("https://summer.example.org/2021", "json-ld-event.html");
        web.Page("https://ada.example.org/", "json-ld-person.html");
        web.Page("https://gbk.example.cn/index.html", "gbk.html", "text/html");
        web.Page("https://writing.example.com/post-1", "opengraph.html");
        web.Page("https://hostile.example.com/x", "hostile.html");
    }

    public async ValueTask DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    private async Task<Dictionary<string, LinkMetadataRow>> RowsAsync()
    {
        using var db = _catalog.OpenDatabase();
        return await db.LinkMetadata.ToDictionaryAsync(r => r.Url, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ArxivIsAskedInOneBatchWithMaxResultsAndEmptyIdsAreAskedAgain()
    {
        await _catalog.ImportMarkdownAsync(Seed);

        await _catalog.RunMetaAsync();

        Assert.Equal(2, _web.ArxivQueries.Count);
        var first = _web.ArxivQueries.First();
        Assert.Contains("max_results=3", first);
        Assert.Contains("id_list=1806.07572,hep-th%2F9901001,2001.00001", first.Replace("%2C", ",", StringComparison.Ordinal));
        Assert.Contains("id_list=2001.00001&max_results=1", _web.ArxivQueries.Last());
        var rows = await RowsAsync();
        Assert.Equal("Preprint 2001.00001 on learning theory", rows["https://arxiv.org/abs/2001.00001"].Title);
        Assert.Equal(0, _web.RequestsTo("arxiv.org/abs/1806.07572"));
    }

    [Fact]
    public async Task EachSourceFillsItsFieldsAndEachFieldRemembersItsSource()
    {
        await _catalog.ImportMarkdownAsync(Seed);

        var summary = await _catalog.RunMetaAsync();

        var rows = await RowsAsync();
        var ntk = rows["https://arxiv.org/abs/1806.07572"];
        Assert.Equal("arXiv:1806.07572", ntk.CanonicalId);
        Assert.Equal("arXiv:1806.07572", rows["https://arxiv.org/pdf/1806.07572v2"].CanonicalId);
        Assert.Equal(["Arthur Jacot", "Franck Gabriel", "Clément Hongler"], MetadataRecord.Authors(ntk.Authors));
        Assert.Equal("arxiv", MetadataRecord.Sources(ntk)["title"].Source);
        Assert.NotNull(ntk.FetchedAt);

        var pnas = rows["https://doi.org/10.1073/pnas.1903070116"];
        Assert.Equal("doi:10.1073/pnas.1903070116", pnas.CanonicalId);
        Assert.Equal("Proceedings of the National Academy of Sciences", pnas.Venue);
        Assert.Equal("crossref", pnas.Source);
        Assert.Contains("10.1073/pnas.1903070116?mailto=curator%40example.org", _web.CrossrefQueries);

        var repo = rows["https://github.com/google/neural-tangents"];
        Assert.Equal((2345, "Jupyter Notebook", true), (repo.Stars, repo.Language, repo.Archived));
        Assert.Equal("\"repo-v1\"", repo.ETag);

        Assert.Equal(["Simons Institute"], MetadataRecord.Authors(rows["https://www.youtube.com/watch?v=abc"].Authors));
        Assert.Equal("深度学习理论", rows["https://gbk.example.cn/index.html"].Title);
        Assert.Null(rows["https://hostile.example.com/x"].PdfUrl);
        Assert.Null(rows["https://nowhere.example.net/gone"].Title);
        Assert.Equal(1, summary.Failed);
    }

    [Fact]
    public async Task PagesTheUrlRulesLeftOtherTakeTheKindTheirMetadataShows()
    {
        await _catalog.ImportMarkdownAsync(Seed);
        using (var before = _catalog.OpenDatabase())
        {
            Assert.Equal(8, await before.Links.CountAsync(l => l.Kind == "other", TestContext.Current.CancellationToken));
        }

        var summary = await _catalog.RunMetaAsync();

        using var db = _catalog.OpenDatabase();
        var kinds = await db.Links.ToDictionaryAsync(l => l.Url, l => l.Kind, TestContext.Current.CancellationToken);
        Assert.Equal("course", kinds["https://math.example.edu/dl-theory"]);
        Assert.Equal("event", kinds["https://summer.example.org/2021"]);
        Assert.Equal("person", kinds["https://ada.example.org/"]);
        Assert.Equal("blog", kinds["https://writing.example.com/post-1"]);
        Assert.Equal("paper", kinds["https://hostile.example.com/x"]);
        Assert.Equal("paper", kinds["https://www.openreview-like.example.org/forum?id=Sy8gdB9xx"]);
        Assert.Equal(2, summary.Other);
    }

    [Fact]
    public async Task ASecondRunAsksConditionallyAndKeepsWhatWasFetched()
    {
        await _catalog.ImportMarkdownAsync(Seed);
        await _catalog.RunMetaAsync();

        var again = await _catalog.RunMetaAsync();

        Assert.True(again.Unchanged >= 1);
        var repo = (await RowsAsync())["https://github.com/google/neural-tangents"];
        Assert.Equal("google/neural-tangents", repo.Title);
    }

    [Fact]
    public async Task ASpentGitHubBudgetDefersTheRepositoryToTheNextRun()
    {
        await _catalog.ImportMarkdownAsync(Seed);
        _web.GitHubBudget = 0;

        var first = await _catalog.RunMetaAsync();
        _web.GitHubBudget = 60;
        await _catalog.RunMetaAsync();

        Assert.Equal(1, first.Deferred);
        Assert.Equal("google/neural-tangents", (await RowsAsync())["https://github.com/google/neural-tangents"].Title);
    }

    [Fact]
    public async Task MetadataSurvivesAReimport()
    {
        await _catalog.ImportMarkdownAsync(Seed);
        await _catalog.RunMetaAsync();

        await _catalog.ImportMarkdownAsync(Seed + "\n- https://late.example.org/new\n");

        var rows = await RowsAsync();
        Assert.Equal("google/neural-tangents", rows["https://github.com/google/neural-tangents"].Title);
        using var db = _catalog.OpenDatabase();
        Assert.Equal("course", await db.Links.Where(l => l.Url == "https://math.example.edu/dl-theory").Select(l => l.Kind).SingleAsync(TestContext.Current.CancellationToken));
    }
}
