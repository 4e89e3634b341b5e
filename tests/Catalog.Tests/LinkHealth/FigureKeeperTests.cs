using System.Net;
using System.Text;
using Catalog.Tests.Pages;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.LinkHealth;

/// <summary>Seed figures fetched through the door, kept by content hash, and served from the catalog's own origin.</summary>
public sealed class FigureKeeperTests : IAsyncLifetime
{
    private LinkFixtureServer _web = null!;
    private LoopbackCatalog _catalog = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await LinkFixtureServer.StartAsync();
        // A generous timeout: on a busy machine a timed-out fetch would be retried and counted twice.
        _catalog = new LoopbackCatalog(_web, new Dictionary<string, string?> { ["Catalog:Links:MaxBytes"] = "100000", ["Catalog:Links:Timeout"] = "00:00:10" });
        await _catalog.ImportAsync(new SeedFile("figures.md", Encoding.UTF8.GetBytes($"""
            # Figures

            ## Papers

            - [Sturdy]({_web.Url("/ok")})

            <img src="{_web.Url("/figure.png")}" alt="A plot" width="50%">
            <img src="{_web.Url("/same-figure.png")}" alt="The same plot again">
            <img src="{_web.Url("/page-as.png")}" alt="Not an image">
            <img src="{_web.Url("/endless")}" alt="Too big">

            ## Plots

            The loss falls in steps, as the authors drew it: <img src="{_web.Url("/figure.png")}" alt="Loss curve"> and
            their data <img src="{_web.Url("/page-as.png")}" alt="Not an image">.
            """)));
        _client = _catalog.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> KeepAsync()
    {
        await using var scope = _catalog.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FigureKeeper>().KeepAsync(Ct);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)] // <svg: may carry script
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C }, null)]
    [InlineData(new byte[] { }, null)]
    public void AnImageIsToldByItsFirstBytes(byte[] head, string? type) => Assert.Equal(type, ImageType.Of(head));

    [Fact]
    public async Task OnlyWholeImagesAreKeptOncePerContentAndAskedForOnce()
    {
        Assert.Equal(2, await KeepAsync());
        Assert.Equal(0, await KeepAsync()); // the refused two are asked again, the kept ones never

        await using var db = _catalog.OpenDatabase();
        Assert.Equal(1, await db.FigureBlobs.CountAsync(Ct));
        Assert.Equal([_web.Url("/figure.png").ToString(), _web.Url("/same-figure.png").ToString()],
            (await db.StoredFigures.Select(f => f.Src).ToListAsync(Ct)).Order());
        Assert.Equal(1, _web.RequestsTo("127.0.0.1/figure.png"));
    }

    [Fact]
    public async Task AKeptFigureIsServedFromTheCatalogWithItsOriginalUrlAsTheSourceAndTheRestStayAsTheyWere()
    {
        var before = await _client.GetDocumentAsync("/topics/papers");
        Assert.Empty(before.QuerySelectorAll("main img"));
        Assert.Equal(_web.Url("/figure.png").ToString(), before.QuerySelector(".figure-elsewhere a.figure-link")?.GetAttribute("href"));

        await KeepAsync();
        var page = await _client.GetDocumentAsync("/topics/papers");

        var figures = page.QuerySelectorAll("figure.figure").ToList();
        var kept = figures[0].QuerySelector("img")!.GetAttribute("src")!;
        Assert.StartsWith("/figures/", kept);
        Assert.Equal("width: 50%", figures[0].QuerySelector("img")!.GetAttribute("style"));
        Assert.Equal(_web.Url("/figure.png").ToString(), figures[0].QuerySelector(".figure-source a")?.GetAttribute("href"));
        Assert.Equal(kept, figures[1].QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal(2, figures.Count);
        Assert.Equal([_web.Url("/page-as.png").ToString(), _web.Url("/endless").ToString()],
            page.QuerySelectorAll(".figure-elsewhere a.figure-link").Select(a => a.GetAttribute("href")));
        Assert.Equal("Figure: Not an image (127.0.0.1)", page.QuerySelector(".figure-elsewhere a.figure-link")!.TextContent);

        using var image = await _client.GetAsync(kept, Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(LinkFixtureServer.Png, await image.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/figures/" + new string('0', 64), Ct)).StatusCode);
    }

    [Fact]
    public async Task AnImageInATopicIntroIsALinkToItsOriginalUntilKeptThenItsKeptCopy()
    {
        var before = await _client.GetDocumentAsync("/topics/plots");
        var intro = before.QuerySelector(".intro")!;
        Assert.Empty(intro.QuerySelectorAll("img"));
        Assert.Equal([_web.Url("/figure.png").ToString(), _web.Url("/page-as.png").ToString()],
            intro.QuerySelectorAll("a.figure-link").Select(a => a.GetAttribute("href")));
        Assert.Contains("Figure: Loss curve (127.0.0.1)", intro.TextContent, StringComparison.Ordinal);
        Assert.Contains("as the authors drew it", intro.TextContent, StringComparison.Ordinal);

        await KeepAsync();
        var after = (await _client.GetDocumentAsync("/topics/plots")).QuerySelector(".intro")!;

        var image = Assert.Single(after.QuerySelectorAll("img"));
        Assert.Matches("^/figures/[0-9a-f]{64}$", image.GetAttribute("src"));
        Assert.Equal("Loss curve", image.GetAttribute("alt"));
        Assert.Equal(_web.Url("/page-as.png").ToString(), Assert.Single(after.QuerySelectorAll("a.figure-link")).GetAttribute("href"));
    }

    [Fact]
    public async Task AFullCheckRunKeepsTheFiguresToo()
    {
        await _catalog.CheckAsync();
        Assert.Equal(0, _web.RequestsTo("127.0.0.1/figure.png")); // the checker alone does not

        await using (var scope = _catalog.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LinkCheckRunner>().RunAsync(new LinkCheckRequest(), "test", null, Ct);
        }

        await using var db = _catalog.OpenDatabase();
        Assert.Equal(2, await db.StoredFigures.CountAsync(Ct));
    }
}
