using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.Tests.Admin;

/// <summary>
/// The antiforgery cookie goes only to /admin, so a visitor who once saw the sign-in form sends no cookie with public
/// pages (which would skip the output cache), and it is Secure whenever the site is served over HTTPS.
/// </summary>
public sealed class AntiforgeryCookieTests(AdminFactory factory) : IClassFixture<AdminFactory>
{
    [Fact]
    public async Task TheAntiforgeryCookieIsScopedToAdminAndNotSecureOverPlainHttp()
    {
        var cookie = await AntiforgeryCookieAsync("http://localhost/");

        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheAntiforgeryCookieIsSecureOverHttps()
    {
        var cookie = await AntiforgeryCookieAsync("https://localhost/");

        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> AntiforgeryCookieAsync(string baseAddress)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), HandleCookies = false });
        var response = await client.GetAsync("/admin/sign-in", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
    }
}
