using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Admin;

public sealed class SignInTests(AdminFactory factory) : IClassFixture<AdminFactory>
{
    // Routes match in any case, so the admin middleware (only on /admin) must too.
    public static TheoryData<string> AdminPages => ["/admin", "/admin/import", "/admin/history", "/admin/history/1", "/Admin/Import", "/ADMIN/history"];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task AnonymousRequestIsRedirectedToSignInNeverShownThePage(string page)
    {
        var response = await factory.CreateBrowser().GetAsync(page, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/sign-in?ReturnUrl={Uri.EscapeDataString(page)}", response.Headers.Location?.OriginalString);
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnonymousApplyIsRedirectedAndChangesNothing()
    {
        // The browser first: creating it starts the app, which creates the catalog. Hashed before that, a test that
        // runs first in its class compared the empty file with the imported catalog.
        var browser = factory.CreateBrowser();
        var before = CatalogFile.Hash(factory.DatabasePath);

        var response = await browser.PostAsync(
            "/admin/import?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = new string('a', 32) }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location?.OriginalString);
        Assert.Equal(before, CatalogFile.Hash(factory.DatabasePath));
    }

    [Fact]
    public async Task RightPasswordSignsInAndReturnsToTheRequestedPage()
    {
        var browser = factory.CreateBrowser();
        var page = await browser.GetPageAsync("/admin/sign-in?ReturnUrl=%2Fadmin%2Fhistory");

        var response = await browser.SubmitAsync(page.Form("form.sign-in"), "/admin/sign-in?ReturnUrl=%2Fadmin%2Fhistory", new() { ["Password"] = AdminFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/history", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("catalog-admin=", StringComparison.Ordinal));
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var history = await browser.GetPageAsync("/admin/history");
        Assert.Equal("Import history", history.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task ReturnUrlToAnotherSiteIsIgnored()
    {
        var browser = factory.CreateBrowser();
        var page = await browser.GetPageAsync("/admin/sign-in");

        var response = await browser.SubmitAsync(page.Form("form.sign-in"), "/admin/sign-in",
            new() { ["Password"] = AdminFactory.Password, ["ReturnUrl"] = "https://evil.example/" });

        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task WrongPasswordSaysSoAndSetsNoCookie()
    {
        var browser = factory.CreateBrowser();

        var response = await browser.SignInAsync("not the password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("catalog-admin=", StringComparison.Ordinal));
        var page = await response.ReadPageAsync();
        Assert.Equal("That is not the admin password.", page.QuerySelector(".error")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SignInWithoutAntiforgeryTokenIsRefusedWithAnExplanation()
    {
        var browser = factory.CreateBrowser();

        var response = await browser.PostAsync("/admin/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Password"] = AdminFactory.Password }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("catalog-admin=", StringComparison.Ordinal)));
        var page = await response.ReadPageAsync();
        Assert.Contains("The form was refused", page.QuerySelector("#status-message")?.TextContent);
    }

    [Fact]
    public async Task ApplyWithoutAntiforgeryTokenIsRefusedEvenWhenSignedIn()
    {
        var browser = await factory.SignedInBrowserAsync();
        var before = CatalogFile.Hash(factory.DatabasePath);

        var response = await browser.PostAsync("/admin/import?handler=Apply",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = new string('a', 32), ["version"] = "1" }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, CatalogFile.Hash(factory.DatabasePath));
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        var browser = await factory.SignedInBrowserAsync();
        var admin = await browser.GetPageAsync("/admin");

        var response = await browser.SubmitAsync(admin.Form("form.sign-out"), "/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class SignInRateLimitTests : IAsyncLifetime
{
    // The default limit: five attempts a minute per client address.
    private readonly AdminFactory _factory = new() { With = { ["Catalog:SignInAttemptsPerMinute"] = "5" } };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task RepeatedWrongPasswordsAreRefusedWithAClearMessage()
    {
        var browser = _factory.CreateBrowser();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await browser.SignInAsync("guess " + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var refused = await browser.SignInAsync(AdminFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        var page = await refused.ReadPageAsync();
        Assert.Matches(@"^Too many sign-in attempts\. Wait \d+ seconds, then try again\.$", page.QuerySelector("#status-message")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin", TestContext.Current.CancellationToken)).StatusCode);

        // Only attempts count: the form itself still shows.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/sign-in", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class AdminDisabledTests(AdminDisabledTests.NoPasswordFactory factory) : IClassFixture<AdminDisabledTests.NoPasswordFactory>
{
    public sealed class NoPasswordFactory : AdminFactory
    {
        public NoPasswordFactory()
        {
            With["Catalog:AdminPassword"] = null;
        }
    }

    [Fact]
    public async Task AdminSaysHowToEnableIt()
    {
        var browser = factory.CreateClient();

        var page = await browser.GetPageAsync("/admin");

        var help = page.QuerySelector("#admin-disabled")?.TextContent ?? "";
        Assert.Contains("no admin password is configured", help);
        Assert.Contains("hash-password", help);
        Assert.Contains("Catalog:AdminPasswordHash", help);
        Assert.Null(page.QuerySelector("form.sign-in"));
    }

    [Fact]
    public async Task EverySignInIsRefused()
    {
        var browser = factory.CreateBrowser();
        var page = await browser.GetPageAsync("/admin/sign-in");
        Assert.Null(page.QuerySelector("form"));

        foreach (var password in new[] { "", AdminFactory.Password, "null" })
        {
            var response = await browser.PostAsync("/admin/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Password"] = password,
            }), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("catalog-admin=", StringComparison.Ordinal)));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin/import", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class SignInCookieTests
{
    [Fact]
    public async Task SignInSurvivesARestartBecauseKeysAreKeptInTheDatabase()
    {
        await using var first = new AdminFactory();
        var browser = first.CreateBrowser();
        var signIn = await browser.SignInAsync(AdminFactory.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("catalog-admin=", StringComparison.Ordinal)).Split(';')[0];
        await using (var db = first.OpenDatabase())
        {
            Assert.NotEmpty(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken));
        }

        Assert.False(Directory.Exists(Path.Combine(first.Folder, "keys")));

        // A second host on the same database: new process state, same key ring in the database.
        await using var restarted = new AdminFactory { With = { ["ConnectionStrings:Catalog"] = $"Data Source={first.DatabasePath}" } };
        var response = await Get(restarted, "/admin", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordEndsSessionsMadeWithTheOldOne()
    {
        await using var first = new AdminFactory();
        var signIn = await first.CreateBrowser().SignInAsync(AdminFactory.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("catalog-admin=", StringComparison.Ordinal)).Split(';')[0];

        await using var changed = new AdminFactory
        {
            With =
            {
                ["ConnectionStrings:Catalog"] = $"Data Source={first.DatabasePath}",
                ["Catalog:AdminPassword"] = "a new password",
            },
        };
        var response = await Get(changed, "/admin", cookie);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> Get(AdminFactory factory, string url, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
