using System.Net;
using System.Net.Http.Headers;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.Tests.Web;

public sealed class ConditionalGetTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PagesCarryAWeakETagLastModifiedAndNoCache()
    {
        using var response = await _client.GetAsync("/topics/deep-unrolling", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.ETag?.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task AMatchingIfNoneMatchGets304WithNoBody()
    {
        using var first = await _client.GetAsync("/kinds/code", TestContext.Current.CancellationToken);
        using var second = await SendAsync("/kinds/code", r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnUncachedPageAnswers304AfterOnlyCheckingThatItExists()
    {
        using var other = await _client.GetAsync("/hosts", TestContext.Current.CancellationToken);
        using var response = await SendAsync("/links/3", r => r.Headers.IfNoneMatch.Add(other.Headers.ETag!));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(1, response.SqlCommands());
    }

    // A 304 says "the copy you have is current": there is no copy of a page that does not exist.
    [Theory]
    [InlineData("/topics/no-such-topic")]
    [InlineData("/hosts/no-such-host.example")]
    [InlineData("/kinds/no-such-kind")]
    [InlineData("/links/99999999")]
    public async Task AConditionalRequestForSomethingThatDoesNotExistAnswers404(string path)
    {
        using var real = await _client.GetAsync("/kinds/code", TestContext.Current.CancellationToken);
        var etag = real.Headers.ETag!;

        using var anyTag = await SendAsync(path, r => r.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any));
        using var currentTag = await SendAsync(path, r => r.Headers.IfNoneMatch.Add(etag));
        using var future = await SendAsync(path, r => r.Headers.IfModifiedSince = DateTimeOffset.UtcNow.AddYears(1));

        Assert.Equal(HttpStatusCode.NotFound, anyTag.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, currentTag.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, future.StatusCode);
    }

    [Fact]
    public async Task AConditionalRequestForAnotherCasingIsRedirectedNot304()
    {
        using var real = await _client.GetAsync("/kinds/code", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/topics/Deep-Unrolling");
        request.Headers.IfNoneMatch.Add(real.Headers.ETag!);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var otherCasing = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, otherCasing.StatusCode);
        Assert.Equal("/topics/deep-unrolling", otherCasing.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task IfModifiedSinceTheLastImportGets304()
    {
        using var first = await _client.GetAsync("/kinds/video", TestContext.Current.CancellationToken);
        var lastModified = first.Content.Headers.LastModified!.Value;
        using var notModified = await SendAsync("/kinds/video", r => r.Headers.IfModifiedSince = lastModified);
        using var modified = await SendAsync("/kinds/video", r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Fact]
    public async Task AnOtherETagGetsTheFullPage()
    {
        using var response = await SendAsync("/kinds/blog", r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0-stale\"", isWeak: true)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NotFoundPagesCarryNoETag()
    {
        using var response = await _client.GetAsync("/topics/no-such-topic", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    private async Task<HttpResponseMessage> SendAsync(string url, Action<HttpRequestMessage> conditions)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        conditions(request);
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
