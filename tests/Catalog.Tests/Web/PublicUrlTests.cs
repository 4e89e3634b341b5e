using System.Net;
using Catalog.Tests.Admin;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.Tests.Web;

/// <summary>
/// With AllowedHosts "*" the Host header is whatever the client says: answers that carry an absolute URL take it from
/// Catalog:PublicUrl when set, and the sign-in redirect is relative otherwise.
/// </summary>
public sealed class PublicUrlTests
{
    private const string Forged = "http://evil.example/";

    [Fact]
    public async Task AForgedHostDoesNotAppearInOpenSearchOrTheSignInRedirectWhenPublicUrlIsSet()
    {
        await using var factory = new AdminFactory { With = { ["Catalog:PublicUrl"] = "https://catalog.example.org/" } };
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Forged), AllowAutoRedirect = false });

        var openSearch = await client.GetStringAsync("/opensearch.xml", TestContext.Current.CancellationToken);
        var redirect = await client.GetAsync("/admin", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("evil.example", openSearch, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("template=\"https://catalog.example.org/search?q={searchTerms}\"", openSearch, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("https://catalog.example.org/admin/sign-in?ReturnUrl=%2Fadmin", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task WithoutPublicUrlTheSignInRedirectIsRelative()
    {
        await using var factory = new AdminFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Forged), AllowAutoRedirect = false });

        var redirect = await client.GetAsync("/admin", TestContext.Current.CancellationToken);

        Assert.Equal("/admin/sign-in?ReturnUrl=%2Fadmin", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public void APublicUrlThatIsNotAnAbsoluteUrlStopsStartUp()
    {
        using var factory = new AdminFactory { With = { ["Catalog:PublicUrl"] = "catalog.example.org" } };

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("PublicUrl", error.ToString(), StringComparison.Ordinal);
    }
}
