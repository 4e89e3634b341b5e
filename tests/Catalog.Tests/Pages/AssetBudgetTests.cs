using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Pages;

public sealed class AssetBudgetTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private const int Budget = 100 * 1024;

    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/topics/physics-and-deep-learning")]
    [InlineData("/topics/dynamics-and-deep-learning")]
    public async Task ATopicPageLoadsUnder100KBOfCssAndJsBesidesTheMathLibrary(string url)
    {
        var page = await _client.GetDocumentAsync(url);

        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .Where(href => !href.StartsWith("/lib/katex/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(assets, href => href.StartsWith("/css/site.css", StringComparison.Ordinal));
        long total = 0;
        foreach (var href in assets)
        {
            total += (await _client.GetByteArrayAsync(href, TestContext.Current.CancellationToken)).Length;
        }

        Assert.InRange(total, 1, Budget);
    }
}
