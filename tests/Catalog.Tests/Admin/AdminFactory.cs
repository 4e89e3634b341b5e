using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.Tests.Admin;

/// <summary>The app with an admin password (plain, as in development) and settings a test may add or override.</summary>
public class AdminFactory : CatalogFactory
{
    public const string Password = "correct horse battery staple";

    public AdminFactory()
    {
    }

    protected AdminFactory(DatabaseProvider provider)
        : base(provider)
    {
    }

    protected AdminFactory(CatalogFactory sameDatabaseAs)
        : base(sameDatabaseAs)
    {
    }

    /// <summary>The admin app on the given provider (a theory's <see cref="OnEachDatabaseAttribute"/> row).</summary>
    public static AdminFactory On(DatabaseProvider provider) => new(provider);

    /// <summary>A second instance on this one's database.</summary>
    public AdminFactory SecondInstance() => new(this);

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
