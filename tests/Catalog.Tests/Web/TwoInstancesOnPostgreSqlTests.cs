using System.Diagnostics;
using System.Net;
using System.Text;
using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Admin;
using Catalog.Web.Data;
using Npgsql;

namespace Catalog.Tests.Web;

/// <summary>
/// Two real instances (processes of the built app on 127.0.0.1) on one PostgreSQL database, as behind a load
/// balancer: what the admin does on one is served by the other within a second, the other accepts its sign-in, a
/// killed instance leaves the catalog as it was, and the one-at-a-time job (the seed watcher's lease) moves over.
/// </summary>
public sealed class TwoInstancesOnPostgreSqlTests
{
    private const string OldSlug = "/topics/deep-learning-and-optimal-transport";
    private const string NewSlug = "/topics/optimal-transport-and-deep-learning";

    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_watchLease = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhatTheAdminDoesOnOneInstanceTheOtherServesAndItCarriesOnWhenTheFirstIsKilledMidImport()
    {
        Assert.SkipWhen(TestPostgres.SkipReason is not null, TestPostgres.SkipReason ?? "");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql, Ct);
        var seeds = Directory.CreateTempSubdirectory("catalog-two-instances-");
        try
        {
            var seed = Path.Combine(seeds.FullName, Seeds.Name);
            File.Copy(Seeds.OriginalPath, seed);
            var settings = Settings(database, seeds.FullName);
            await using var a = await CatalogServerProcess.StartAsync(settings, Ct);
            await WaitForAsync(async () => await WatcherAsync(database) is { } holder && holder.StartsWith(Watcher(a), StringComparison.Ordinal), "A to watch the seeds", a);
            await using var b = await CatalogServerProcess.StartAsync(settings, Ct);
            using var visitorB = Client(b.Address);

            // B serves the first catalog, and keeps the page in its output cache.
            Assert.Equal(HttpStatusCode.OK, (await visitorB.GetAsync(OldSlug, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await visitorB.GetAsync(OldSlug, Ct)).StatusCode);

            // The admin signs in on A and re-imports there.
            var cookies = new CookieContainer();
            using var adminA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = a.Address };
            using (var signIn = await adminA.SignInAsync(AdminFactory.Password))
            {
                Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
            }

            var preview = await (await ImportPageTests.PreviewUploadAsync(adminA, Seeds.Name, Seeds.Changed)).ReadPageAsync();
            using (var applied = await adminA.SubmitAsync(preview.Form("form#apply"), "/admin/import"))
            {
                Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
            }

            // B's cached page of the renamed topic gives way to the redirect once B sees the new version.
            var clock = Stopwatch.StartNew();
            var polls = new List<string>();
            while (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                var asked = clock.Elapsed;
                using var poll = await visitorB.GetAsync(OldSlug, Ct);
                polls.Add($"{asked.TotalMilliseconds:0}-{clock.Elapsed.TotalMilliseconds:0} ms: {(int)poll.StatusCode}");
                if (poll.StatusCode == HttpStatusCode.MovedPermanently)
                {
                    break;
                }

                await Task.Delay(20, Ct);
            }

            Assert.True(clock.Elapsed <= s_deadline, $"B served the new catalog only after {clock.Elapsed}: {string.Join(", ", polls)}");
            TestContext.Current.TestOutputHelper?.WriteLine($"B served the new catalog {clock.Elapsed.TotalMilliseconds:0} ms after A's apply answered");
            using (var renamed = await visitorB.GetAsync(NewSlug, Ct))
            {
                Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            }

            // B accepts the cookie A issued (the key ring is in the database); without it, B sends the visitor to sign in.
            var cookie = Assert.Single(cookies.GetCookies(new Uri(a.Address, "/admin")), c => c.Name == "catalog-admin");
            Assert.Equal(HttpStatusCode.OK, (await AdminPageAsync(b, cookie)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await AdminPageAsync(b, null)).StatusCode);
            var version = await ScalarAsync(database, """SELECT "Version" FROM "CatalogState" """);

            // A is killed in the middle of a large import: once it holds the import lock, nothing of it is committed.
            var large = await (await ImportPageTests.PreviewUploadAsync(adminA, Seeds.Name, Encoding.UTF8.GetBytes(LargeSeed.Make(200)))).ReadPageAsync();
            var applying = adminA.SubmitAsync(large.Form("form#apply"), "/admin/import", new() { ["confirm"] = "true" });
            await WaitForAsync(async () => await ScalarAsync(database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") > 0 || applying.IsCompleted, "the large import to start", a);
            Assert.False(applying.IsCompleted, "the import finished before A could be killed; make the seed larger");
            await a.KillAsync();
            var killedAt = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => applying);

            Assert.Equal(version, await ScalarAsync(database, """SELECT "Version" FROM "CatalogState" """));
            Assert.Equal(0, await ScalarAsync(database, """SELECT count(*) FROM "Topics" WHERE "Title" LIKE 'Volume %'"""));
            using (var still = await visitorB.GetAsync(NewSlug, Ct))
            {
                Assert.Equal(HttpStatusCode.OK, still.StatusCode);
            }

            // A's seed watch runs out and B takes it over: a seed edited now is imported by B.
            await WaitForAsync(async () => await WatcherAsync(database) is { } holder && holder.StartsWith(Watcher(b), StringComparison.Ordinal), "B to take the seed watch over", b);
            TestContext.Current.TestOutputHelper?.WriteLine($"B took the seed watch over {killedAt.Elapsed.TotalMilliseconds:0} ms after A was killed (lease {s_watchLease})");
            await File.WriteAllTextAsync(seed, Encoding.UTF8.GetString(Seeds.Changed) + "\n## Two Instances\n\n- https://example.org/two-instances\n", Ct);
            await WaitForAsync(async () => (await visitorB.GetAsync("/topics/two-instances", Ct)).StatusCode == HttpStatusCode.OK, "B to import the edited seed", b);
            Assert.Equal(HttpStatusCode.OK, (await visitorB.GetAsync(NewSlug, Ct)).StatusCode);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            seeds.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Settings(TestDatabase database, string seeds) => new()
    {
        ["Catalog__Database"] = "PostgreSql",
        ["ConnectionStrings__Catalog"] = database.ConnectionString,
        ["Catalog__SeedsPath"] = seeds,
        ["Catalog__AdminPassword"] = AdminFactory.Password,
        ["Catalog__WatchSeeds"] = "true",
        ["Catalog__SeedWatchLease"] = s_watchLease.ToString(),
        ["Catalog__MaxUploadBytes"] = (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Catalog__MaxSeedBytes"] = (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),

        // Nothing outbound: no scheduled link check.
        ["Catalog__Links__CheckInterval"] = "0",
    };

    private static HttpClient Client(Uri address) => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };

    private static string Watcher(CatalogServerProcess server) => $"seed watcher {server.ProcessId} on ";

    private static async Task<HttpResponseMessage> AdminPageAsync(CatalogServerProcess server, Cookie? cookie)
    {
        using var client = Client(server.Address);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<string?> WatcherAsync(TestDatabase database)
    {
        await using var db = database.Context();
        return await db.ReadLeaseHolderAsync(SeedWatcher.LeaseName, DateTimeOffset.UtcNow, Ct);
    }

    private static async Task<long> ScalarAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Polls until the condition holds; fails after fifteen seconds with what the server printed.
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, CatalogServerProcess server)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Waited 15 s for {what}. The server printed:\n{server.Output}");
            await Task.Delay(20, Ct);
        }
    }
}
