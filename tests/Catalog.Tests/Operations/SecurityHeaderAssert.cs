namespace Catalog.Tests.Operations;

/// <summary>The headers every response carries, whatever produced it (page, API, static file, error page).</summary>
public static class SecurityHeaderAssert
{
    public static void Present(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("script-src 'self'", directives.Single(d => d.StartsWith("script-src", StringComparison.Ordinal)));
        // Figures are served from their kept copies: a page loads no image from another site.
        Assert.Equal("img-src 'self'", directives.Single(d => d.StartsWith("img-src", StringComparison.Ordinal)));
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Contains("object-src 'none'", directives);
        Assert.Contains("base-uri 'self'", directives);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"), "The response names the server.");
    }
}
