using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Operations;

/// <summary>
/// Behind a TLS-terminating proxy the app sees plain HTTP from the proxy; ASP.NET Core's own switch
/// ASPNETCORE_FORWARDEDHEADERS_ENABLED (docs/operating.md) makes it read X-Forwarded-Proto and X-Forwarded-For.
/// </summary>
public sealed class ReverseProxyTests : IDisposable
{
    private readonly ProxiedCatalogFactory _proxied = new();
    private readonly CatalogFactory _direct = new();

    [Fact]
    public async Task WithForwardedHeadersOnARequestTheProxyReceivedOverHttpsGetsStrictTransportSecurity()
    {
        using var response = await SendThroughProxyAsync(_proxied);

        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task WithoutForwardedHeadersTheForwardedProtocolIsIgnored()
    {
        using var response = await SendThroughProxyAsync(_direct);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static async Task<HttpResponseMessage> SendThroughProxyAsync(CatalogFactory factory)
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://catalog.example/") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }

    public void Dispose()
    {
        _proxied.Dispose();
        _direct.Dispose();
    }

    private sealed class ProxiedCatalogFactory : CatalogFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = "true" };
    }
}
