using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;

namespace Catalog.Tests.Web;

/// <summary>
/// One anonymous request must not turn a real page into a cached error for everyone: the output cache stores only a
/// page's own 200 (never a status page re-executed for a 404), and another casing of a slug is a 301 to the real one.
/// Through Kestrel on 127.0.0.1, as a visitor would send it.
/// </summary>
public sealed class CachePoisoningTests(CachePoisoningTests.Server server) : IClassFixture<CachePoisoningTests.Server>
{
    public sealed class Server() : SeededKestrelServer(SeedWithGeneralizationTheory());

    private readonly HttpClient _client = server.CreateSocketClient();

    [Theory]
    [InlineData("/topics/GENERALIZATION-THEORY", "/topics/generalization-theory")]
    [InlineData("/topics/Deep-Unrolling", "/topics/deep-unrolling")]
    [InlineData("/kinds/COURSE", "/kinds/course")]
    [InlineData("/kinds/Video", "/kinds/video")]
    [InlineData("/hosts/ARXIV.ORG", "/hosts/arxiv.org")]
    public async Task AnotherCasingFirstLeavesTheRealPageAt200AndIsRedirectedToIt(string otherCasing, string real)
    {
        var ct = TestContext.Current.CancellationToken;
        using var attack = await _client.GetAsync(otherCasing, ct);
        using var page = await _client.GetAsync(real, ct);
        using var again = await _client.GetAsync(real, ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, attack.StatusCode);
        Assert.Equal(real, attack.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ALinkPageAskedInAnotherCasingFirstStillAnswersItsOwnPage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var missing = await _client.GetAsync("/LINKS/99999999", ct);
        using var otherCasing = await _client.GetAsync("/LINKS/5", ct);
        using var page = await _client.GetAsync("/links/5", ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherCasing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(await otherCasing.Content.ReadAsStringAsync(ct), await page.Content.ReadAsStringAsync(ct));
    }

    // A stored answer comes back with an Age header (ThePageItselfIsStillServedFromTheCache shows it does). The status
    // page's suggestions are read once per catalog version, so a 404 may run no query at all: the header is the sign.
    [Theory]
    [InlineData("/topics/no-such-topic")]
    [InlineData("/kinds/no-such-kind")]
    [InlineData("/hosts/no-such-host.example")]
    [InlineData("/links/99999998")]
    [InlineData("/topics/deep-unrolling?page=9")]
    public async Task ANotFoundAnswerIsNeverStored(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await _client.GetAsync(path, ct);
        using var second = await _client.GetAsync(path, ct);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
    }

    [Fact]
    public async Task ThePageItselfIsStillServedFromTheCache()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await _client.GetAsync("/topics/physics-and-deep-learning", ct);
        using var second = await _client.GetAsync("/topics/physics-and-deep-learning", ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, second.SqlCommands());
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
    }

    // "Server: Kestrel" tells a scanner what to try; the in-memory test server never sends it, so this is on sockets.
    [Theory]
    [InlineData("/")]
    [InlineData("/topics/no-such-topic")]
    [InlineData("/css/site.css")]
    public async Task NoResponseNamesTheServer(string path)
    {
        using var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Operations.SecurityHeaderAssert.Present(response);
    }
}
