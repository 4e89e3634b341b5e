using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Operations;

public sealed class OperationsTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK, "text/html")]
    [InlineData("/topics/physics-and-deep-learning", HttpStatusCode.OK, "text/html")]
    [InlineData("/search?q=physics", HttpStatusCode.OK, "text/html")]
    [InlineData("/api/topics", HttpStatusCode.OK, "application/json")]
    [InlineData("/api/search?q=physics", HttpStatusCode.OK, "application/json")]
    [InlineData("/css/site.css", HttpStatusCode.OK, "text/css")]
    [InlineData("/favicon.svg", HttpStatusCode.OK, "image/svg+xml")]
    [InlineData("/healthz", HttpStatusCode.OK, "application/json")]
    [InlineData("/no-such-page", HttpStatusCode.NotFound, "text/html")]
    [InlineData("/topics/no-such-topic", HttpStatusCode.NotFound, "text/html")]
    [InlineData("/api/topics/no-such-topic", HttpStatusCode.NotFound, "application/json")]
    [InlineData("/lib/no-such-file.js", HttpStatusCode.NotFound, "text/html")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, HttpStatusCode status, string mediaType)
    {
        using var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        SecurityHeaderAssert.Present(response);
    }

    [Fact]
    public async Task AConditionalRequestAnsweredNotModifiedStillCarriesTheSecurityHeaders()
    {
        var client = factory.CreateClient();
        using var first = await client.GetAsync("/", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        SecurityHeaderAssert.Present(response);
    }

    [Fact]
    public async Task HealthIsHealthyAfterTheFirstRunImport()
    {
        var response = await factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("version").GetInt64() >= 1);
    }
}

public sealed class EmptyCatalogHealthTests : IDisposable
{
    private readonly EmptyCatalogFactory _factory = new();

    [Fact]
    public async Task HealthIsUnavailableBeforeAnyImport()
    {
        var response = await _factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
