using Catalog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.Tests.Admin;

/// <summary>The app with an admin password (plain, as in development) and settings a test may add or override.</summary>
public class AdminFactory : CatalogFactory
{
    public const string Password = "correct horse battery staple";

    /// <summary>Settings on top of the admin ones (a null value unsets one).</summary>
    public Dictionary<string, string?> With { get; } = [];

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var all = new Dictionary<string, string?>
            {
                ["Catalog:AdminPassword"] = Password,

                // Tests sign in often from one (unknown) address; the rate limit has its own test.
                ["Catalog:SignInAttemptsPerMinute"] = "1000",
                ["Catalog:SignInAttemptsPerMinuteAllClients"] = "1000",
                ["Catalog:AdminLockoutAfterFailures"] = "1000",
            };
            foreach (var (key, value) in With)
            {
                all[key] = value;
            }

            return all;
        }
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = CreateBrowser();
        var response = await browser.SignInAsync(Password);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return browser;
    }
}
