using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Data.PostgreSql;
using Catalog.Web.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Admin;

/// <summary>
/// The Data Protection key ring lives in the catalog's database, so every instance on one database reads what any of
/// them protected: sign-in cookies and antiforgery tokens included.
/// </summary>
public sealed class SharedKeyRingTests
{
    [Theory]
    [OnEachDatabase]
    public async Task WhatOneInstanceProtectsAnotherOnTheSameDatabaseReads(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        await using (var db = database.Context())
        {
            await db.MigrateCatalogAsync(ct);
        }

        await using var first = KeyRingOn(database);
        await using var second = KeyRingOn(database);
        var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("admin cookie").Protect("signed in");

        Assert.Equal("signed in", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("admin cookie").Unprotect(cookie));
        await using var check = database.Context();
        Assert.Single(await check.DataProtectionKeys.ToListAsync(ct));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AFormFromOneInstanceSignsInOnAnotherAndItsCookieWorksOnTheFirst(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = AdminFactory.On(provider);
        await using var second = first.SecondInstance();

        // The form and its antiforgery cookie come from the first instance; the second checks them and signs in.
        var page = await first.CreateClient(new() { HandleCookies = false }).GetAsync("/admin/sign-in", ct);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        var token = (await page.ReadPageAsync()).Form("form.sign-in").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Password"] = AdminFactory.Password }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signIn = await second.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false }).SendAsync(post, ct);
        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);

        // And the second instance's sign-in cookie opens the first one's admin pages.
        var admin = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("catalog-admin=", StringComparison.Ordinal)).Split(';')[0];
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin");
        get.Headers.Add("Cookie", admin);
        var response = await first.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false }).SendAsync(get, ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [OnEachDatabase]
    public async Task AStartedServerLeavesTheKeyRingAloneUntilAnAdminFormNeedsIt(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = AdminFactory.On(provider);
        var client = server.CreateClient(new() { HandleCookies = false });

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/", ct)).StatusCode);
        await using (var before = server.OpenDatabase())
        {
            Assert.Empty(await before.DataProtectionKeys.ToListAsync(ct));
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/admin/sign-in", ct)).StatusCode);
        await using var after = server.OpenDatabase();
        Assert.Single(await after.DataProtectionKeys.ToListAsync(ct));
    }

    private static ServiceProvider KeyRingOn(TestDatabase database)
    {
        var services = new ServiceCollection().AddLogging();
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddPostgreSqlCatalog(database.ConnectionString);
        }
        else
        {
            services.AddDbContext<CatalogDbContext>(options => SqliteData.Configure(options, database.ConnectionString));
        }

        services.AddDataProtection().SetApplicationName("Catalog").PersistKeysToDbContext<CatalogDbContext>();
        return services.BuildServiceProvider();
    }
}
