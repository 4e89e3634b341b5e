using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Operations;

public sealed class OperationsTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/topics")]
    [InlineData("/no-such-page")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSrc = csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
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
