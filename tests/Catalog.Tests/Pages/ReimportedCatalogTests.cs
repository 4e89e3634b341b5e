using System.Net;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Pages;

/// <summary>
/// The seed imported, then an edited copy re-imported through CatalogImporter: "Physics and Deep Learning" renamed,
/// "Topology and Deep Learning" removed (one of its links moved to another topic) and a topic with a Chinese title,
/// two figures (one with a data: source) and one link added.
/// </summary>
public sealed class ReimportedCatalogFactory : CatalogFactory, IAsyncLifetime
{
    public const string ChineseTitle = "深度学习理论";

    public const string MovedLink = "http://topology.cs.wisc.edu/";

    public const string Figure = "http://example.org/figure.png";

    public async ValueTask InitializeAsync()
    {
        var seed = SeedEdits.Original;
        var topology = SeedEdits.Section(seed, "## Topology and Deep Learning");
        var edited = seed
            .Replace("## Physics and Deep Learning\n", "## Physics of Deep Learning\n", StringComparison.Ordinal)
            .Replace(topology, "", StringComparison.Ordinal)
            .Replace("- http://ai.stanford.edu/", $"- http://ai.stanford.edu/\n- [Topological Methods for Machine Learning]({MovedLink})", StringComparison.Ordinal)
            + $"\n## {ChineseTitle}\n\n<img src=\"{Figure}\" width=\"120\">\n<img src=\"data:image/png;base64,AAAA\" width=\"50%\">\n\n"
            + "- [神经网络的数学理论](https://zhuanlan.zhihu.com/p/22353056)\n";
        var report = await SeedEdits.ImportAsync(this, edited);
        Assert.Equal(["Topology and Deep Learning"], report.Diff.TopicsRemoved);
    }
}

public sealed class ReimportedCatalogTests(ReimportedCatalogFactory factory) : IClassFixture<ReimportedCatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task ARenamedTopicsOldSlugRedirectsPermanently()
    {
        using var response = await _client.GetAsync("/topics/physics-and-deep-learning", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/topics/physics-of-deep-learning", response.Headers.Location?.OriginalString);
        var page = await _client.GetDocumentAsync("/topics/physics-of-deep-learning");
        Assert.Contains("Jarzynski equality", page.QuerySelector("blockquote")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemovedTopicIsGoneAndSaysWhereItsLinksAreNow()
    {
        var page = await _client.GetDocumentAsync("/topics/topology-and-deep-learning", HttpStatusCode.Gone);

        Assert.Equal("Topology and Deep Learning", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("Topology and Deep Learning (removed) - Catalog", page.Title);
        var items = page.QuerySelectorAll("ul.whereabouts > li").ToDictionary(li => li.QuerySelector(".url")!.TextContent);
        Assert.Equal(10, items.Count);
        var moved = items[ReimportedCatalogFactory.MovedLink];
        Assert.Equal("/topics/information-theory-and-deep-learning", moved.QuerySelector(".where a")?.GetAttribute("href"));
        Assert.StartsWith("/links/", moved.QuerySelector("a.url")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("no longer listed", items["https://www.gaotingran.com/"].TextContent, StringComparison.Ordinal);
        Assert.Equal("/search?q=Topology%20and%20Deep%20Learning", page.QuerySelector("main a[href^='/search']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task GoneAndRedirectResponsesCarryNoCatalogValidators()
    {
        using var gone = await _client.GetAsync("/topics/topology-and-deep-learning", TestContext.Current.CancellationToken);
        using var moved = await _client.GetAsync("/topics/physics-and-deep-learning", TestContext.Current.CancellationToken);

        Assert.Null(gone.Headers.ETag);
        Assert.Null(moved.Headers.ETag);
    }

    [Fact]
    public async Task AChineseSlugIsPercentEncodedInLinksAndResolves()
    {
        var home = await _client.GetDocumentAsync("/");

        var link = home.QuerySelectorAll("nav.topic-tree a").Single(a => a.TextContent == ReimportedCatalogFactory.ChineseTitle);
        var href = link.GetAttribute("href")!;
        Assert.Equal("/topics/" + Uri.EscapeDataString(ReimportedCatalogFactory.ChineseTitle), href);
        Assert.All(href, c => Assert.True(c < 128));
        var page = await _client.GetDocumentAsync(href);
        Assert.Equal(ReimportedCatalogFactory.ChineseTitle, page.QuerySelector("h1")?.TextContent);
        Assert.Equal("神经网络的数学理论", page.QuerySelector("ol.links a.label")?.TextContent);
    }

    [Fact]
    public async Task AFigureNotKeptYetIsALinkToItsSourceAndOnlyHttpSourcesAreShown()
    {
        var page = await _client.GetDocumentAsync("/topics/" + Uri.EscapeDataString(ReimportedCatalogFactory.ChineseTitle));

        Assert.Empty(page.QuerySelectorAll("main img"));
        var link = Assert.Single(page.QuerySelectorAll("main a.figure-link"));
        Assert.Equal(ReimportedCatalogFactory.Figure, link.GetAttribute("href"));
        Assert.Equal($"Figure for {ReimportedCatalogFactory.ChineseTitle} (example.org)", link.TextContent);
    }

    [Fact]
    public async Task HomeSummarisesWhatTheLastReimportChanged()
    {
        var home = await _client.GetDocumentAsync("/");

        var changes = home.QuerySelector("section.changes")!;
        Assert.Equal("science-of-deep-learning.md", changes.QuerySelector("code.source")?.TextContent);
        var lines = changes.QuerySelectorAll("ul.diff > li").Select(li => li.TextContent.Squash()).ToList();
        Assert.Contains("1 topic removed: Topology and Deep Learning", lines);
        Assert.Contains($"1 topic added: {ReimportedCatalogFactory.ChineseTitle}", lines);
        Assert.Contains("“Physics and Deep Learning” is now “Physics of Deep Learning”", lines);
        Assert.StartsWith("Links: +", lines[0], StringComparison.Ordinal);
    }
}
