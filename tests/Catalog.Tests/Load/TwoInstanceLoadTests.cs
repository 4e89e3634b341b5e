using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;

namespace Catalog.Tests.Load;

/// <summary>
/// The load test of <see cref="LoadTests"/> against two instances of the app on one PostgreSQL database, as a load
/// balancer would spread it: every client alternates between A and B, and the re-import goes through A. B learns of
/// the new catalog only from the database (its version watcher), so any answer it built from a half-seen catalog, or
/// any cache it failed to drop, shows up as an error or as the new topic missing on B.
/// </summary>
[Collection(nameof(LoadCollection))]
public sealed class TwoInstanceLoadTests
{
    private const int MaxRequests = 5_000_000;

    [Fact]
    public async Task SixtyFourClientsSpreadOverTwoInstancesOnOnePostgreSqlDatabaseGetOnlySuccessfulAnswersWhileOneReimports()
    {
        Assert.SkipWhen(TestPostgres.SkipReason is not null, TestPostgres.SkipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        using var a = KestrelCatalogServer.On(DatabaseProvider.PostgreSql);
        using var b = a.SecondInstance();
        foreach (var server in new[] { a, b })
        {
            Assert.True(IPAddress.IsLoopback(IPAddress.Parse(server.BaseAddress.Host)), $"the load must stay on this machine, not {server.BaseAddress}");
        }

        Assert.NotEqual(a.BaseAddress, b.BaseAddress);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = LoadTests.Clients, AllowAutoRedirect = false })
        {
            BaseAddress = a.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        // Each URL on A, then on B: client n starts at entry n and steps by one, so every client alternates A and B.
        var paths = await LoadTests.UrlsValidBeforeAndAfterAsync(http);
        var urls = paths.SelectMany(p => new[] { new Uri(a.BaseAddress, p).AbsoluteUri, new Uri(b.BaseAddress, p).AbsoluteUri }).ToList();
        var run = new LoadRun(http, urls, LoadTests.Clients, LoadTests.Duration, MaxRequests);

        var load = run.RunAsync(ct);
        await Task.Delay(LoadTests.Duration / 2, ct);
        var applyStart = run.Now;
        var report = await LoadTests.ImportChangedSeedAsync(a, ct);
        var applyEnd = run.Now;
        var result = await load;

        var duringApply = result.Spans.Count(s => s.Start < applyEnd && s.End > applyStart);
        var message = $"two instances on PostgreSQL: {result.Summary}; re-import through A applied in {(applyEnd - applyStart).TotalMilliseconds:F0} ms with {duringApply} requests in flight";
        TestContext.Current.SendDiagnosticMessage(message);
        TestContext.Current.TestOutputHelper?.WriteLine(message);
        Assert.True(result.Errors == 0, $"{result.Errors} errors, first: {string.Join("; ", result.FirstErrors)}");
        Assert.Equal(["Kernel Methods and Deep Learning"], report.Diff.TopicsAdded);
        Assert.True(duringApply > 0, "no request overlapped the re-import");
        Assert.Contains(result.Spans, s => s.Start > applyEnd);

        // The load ran on for seconds after the import, well past the second B may take to notice the new version.
        foreach (var server in new[] { a, b })
        {
            using var added = await http.GetAsync(new Uri(server.BaseAddress, "/api/topics/kernel-methods-and-deep-learning"), ct);
            Assert.True(added.StatusCode == HttpStatusCode.OK, $"{server.BaseAddress} answered {(int)added.StatusCode} for the topic the re-import added");
        }
    }
}
