using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Admin;

/// <summary>
/// An admin cookie is only as good as its session row: a copy taken before sign-out, or a session older than
/// Catalog:AdminSessionMax however busy, no longer opens admin pages.
/// </summary>
public sealed class AdminSessionTests
{
    [Fact]
    public async Task ACookieCapturedBeforeSignOutStopsWorkingAfterIt()
    {
        await using var factory = new AdminFactory();
        var browser = factory.CreateBrowser();
        var captured = CookieFrom(await browser.SignInAsync(AdminFactory.Password));
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(factory, "/admin", captured)).StatusCode);

        var signOut = await browser.SubmitAsync((await browser.GetPageAsync("/admin")).Form("form.sign-out"), "/admin");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replayed = await GetWithCookieAsync(factory, "/admin", captured);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/admin/sign-in", replayed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SigningOutOneSessionLeavesAnotherSignedIn()
    {
        await using var factory = new AdminFactory();
        var other = CookieFrom(await factory.CreateBrowser().SignInAsync(AdminFactory.Password));
        var browser = await factory.SignedInBrowserAsync();

        await browser.SubmitAsync((await browser.GetPageAsync("/admin")).Form("form.sign-out"), "/admin");

        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(factory, "/admin", other)).StatusCode);
    }

    [Fact]
    public async Task ASessionEndsAtItsAbsoluteLifetimeHoweverActive()
    {
        var clock = new ShiftedClock();
        await using var factory = new AdminFactory { With = { ["Catalog:AdminSessionMax"] = "01:00:00" } };
        await using var clocked = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var browser = clocked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal("/admin", (await browser.SignInAsync(AdminFactory.Password)).Headers.Location?.OriginalString);

        // Used every twenty minutes, well inside the sliding expiry.
        for (var minutes = 20; minutes <= 40; minutes += 20)
        {
            clock.Shift = TimeSpan.FromMinutes(minutes);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin", TestContext.Current.CancellationToken)).StatusCode);
        }

        clock.Shift = TimeSpan.FromMinutes(61);
        var expired = await browser.GetAsync("/admin", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/admin/sign-in", expired.Headers.Location?.OriginalString);
    }

    [Fact]
    public void TheAbsoluteLifetimeIsTwelveHoursByDefault() =>
        Assert.Equal(TimeSpan.FromHours(12), new Catalog.Web.CatalogOptions().AdminSessionMax);

    private static string CookieFrom(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("catalog-admin=", StringComparison.Ordinal)).Split(';')[0];

    private static async Task<HttpResponseMessage> GetWithCookieAsync(AdminFactory factory, string url, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
