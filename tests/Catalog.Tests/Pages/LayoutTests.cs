using AngleSharp.Dom;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Pages;

public sealed class LayoutTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> Pages => new()
    {
        { "/", "Topics - Catalog" },
        { "/topics/physics-and-deep-learning", "Physics and Deep Learning - Catalog" },
        { "/links/2", "Explainable AI: Interpreting, Explaining and Visualizing Deep Learning - Catalog" },
        { "/hosts/arxiv.org", "arxiv.org - Catalog" },
        { "/hosts", "Hosts - Catalog" },
        { "/kinds/paper", "Papers - Catalog" },
        { "/kinds", "Kinds - Catalog" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageHasLanguageViewportLandmarksOneH1AndATitle(string url, string title)
    {
        var page = await _client.GetDocumentAsync(url);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("width=device-width, initial-scale=1", page.QuerySelector("meta[name=viewport]")?.GetAttribute("content"));
        Assert.Equal(title, page.Title);
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Single(page.QuerySelectorAll("main#main"));
        Assert.NotNull(page.QuerySelector("body > header"));
        Assert.NotNull(page.QuerySelector("body > footer"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task TheSkipLinkIsTheFirstFocusableElement(string url, string title)
    {
        var page = await _client.GetDocumentAsync(url);

        var first = page.QuerySelectorAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])")[0];
        Assert.Equal("#main", first.GetAttribute("href"));
        Assert.Contains("Skip", first.TextContent, StringComparison.Ordinal);
        Assert.EndsWith(" - Catalog", title, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageHasTheSearchBoxAndOpenSearchLink(string url, string title)
    {
        var page = await _client.GetDocumentAsync(url);

        var form = Assert.Single(page.QuerySelectorAll("form[role=search]"));
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        var box = Assert.Single(form.QuerySelectorAll("input[type=search][name=q]"));
        Assert.NotNull(page.QuerySelector($"label[for='{box.Id}']"));
        var openSearch = page.QuerySelector("head link[rel=search]");
        Assert.Equal("application/opensearchdescription+xml", openSearch?.GetAttribute("type"));
        Assert.Equal("/opensearch.xml", openSearch?.GetAttribute("href"));
        Assert.Equal("Catalog", openSearch?.GetAttribute("title"));
        Assert.NotEmpty(title);
    }

    [Fact]
    public async Task FooterNamesTheSourceFileAndWhenItWasImported()
    {
        var page = await _client.GetDocumentAsync("/");

        var footer = page.QuerySelector("body > footer")!;
        Assert.Equal("science-of-deep-learning.md", footer.QuerySelector("code.source")?.TextContent);
        var imported = footer.QuerySelector("time")!;
        Assert.True(DateTimeOffset.TryParse(imported.GetAttribute("datetime"), out var at));
        Assert.InRange(at, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task SubpagesHaveABreadcrumbThatStartsAtHome()
    {
        var page = await _client.GetDocumentAsync("/kinds/paper");

        var crumbs = page.QuerySelectorAll("nav[aria-label=Breadcrumb] li");
        Assert.Equal(["Home", "Kinds", "Papers"], crumbs.Select(c => c.TextContent.Trim()));
        Assert.Equal("/", crumbs[0].QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("page", crumbs[^1].GetAttribute("aria-current"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ExternalLinksOpenNormallyWithoutReferrerOrOpener(string url, string title)
    {
        var page = await _client.GetDocumentAsync(url);

        var external = page.QuerySelectorAll("a[href^='http:'], a[href^='https:']").ToList();
        Assert.NotEmpty(title);
        Assert.All(external, a =>
        {
            Assert.Equal(["noopener", "noreferrer"], (a.GetAttribute("rel") ?? "").Split(' ').Order());
            Assert.Null(a.GetAttribute("target"));
        });
    }

    [Fact]
    public async Task NoPageWritesScriptsOrInlineHandlersFromTheSeed()
    {
        var page = await _client.GetDocumentAsync("/topics/dynamics-and-deep-learning");

        var scripts = page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")).ToList();
        Assert.All(scripts, src => Assert.StartsWith("/", src));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }
}
