using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Admin;
using Catalog.Web.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Load;

/// <summary>Runs alone: its numbers mean something only without the rest of the suite on the same two cores.</summary>
[CollectionDefinition(nameof(LoadCollection), DisableParallelization = true)]
public sealed class LoadCollection;

[Collection(nameof(LoadCollection))]
public sealed class LoadTests
{
    public const int Clients = 64;

    /// <summary>Seconds of load: CATALOG_LOAD_SECONDS, 20 by default.</summary>
    public static TimeSpan Duration => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("CATALOG_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 20);

    // Far above what two cores serve in the time allowed: the time bound ends the run, this only guards it.
    private const int MaxRequests = 5_000_000;

    private static readonly string[] s_searches = ["physics", "random matrix", "optimal transport", "deep learning", "information bottleneck", "kernel", "topology", "\"neural ode\""];

    [Fact]
    public async Task SixtyFourClientsGetOnlySuccessfulAnswersWhileTheSeedIsReimported()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new KestrelCatalogServer();
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(server.BaseAddress.Host)), $"the load must stay on this machine, not {server.BaseAddress}");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients, AllowAutoRedirect = false })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var run = new LoadRun(http, await UrlsValidBeforeAndAfterAsync(http), Clients, Duration, MaxRequests);

        var load = run.RunAsync(ct);
        await Task.Delay(Duration / 2, ct);
        var applyStart = run.Now;
        var report = await ImportChangedSeedAsync(server, ct);
        var applyEnd = run.Now;
        var result = await load;

        var duringApply = result.Spans.Count(s => s.Start < applyEnd && s.End > applyStart);
        var message = $"{result.Summary}; re-import applied in {(applyEnd - applyStart).TotalMilliseconds:F0} ms with {duringApply} requests in flight";
        TestContext.Current.SendDiagnosticMessage(message);
        TestContext.Current.TestOutputHelper?.WriteLine(message);
        Assert.True(result.Errors == 0, $"{result.Errors} errors, first: {string.Join("; ", result.FirstErrors)}");
        Assert.Equal(["Kernel Methods and Deep Learning"], report.Diff.TopicsAdded);
        Assert.True(duringApply > 0, "no request overlapped the re-import");
        Assert.Contains(result.Spans, s => s.Start > applyEnd);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/topics/kernel-methods-and-deep-learning", ct)).StatusCode);
    }

    // Topics in the catalog before and after the re-import (renamed and removed ones redirect or are gone), the home
    // page and searches, as pages and as JSON.
    internal static async Task<List<string>> UrlsValidBeforeAndAfterAsync(HttpClient http)
    {
        var before = await http.GetFromJsonAsync<JsonElement>("/api/topics", TestContext.Current.CancellationToken);
        var after = SeedParser.Parse(File.ReadAllText(Seeds.ChangedPath), Seeds.Name).Topics.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        var slugs = before.EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).Where(after.Contains).ToList();
        Assert.True(slugs.Count >= 10, $"only {slugs.Count} topics survive the re-import");
        return
        [
            "/", "/api/topics", "/search?q=deep&page=2",
            .. slugs.Select(s => "/topics/" + Uri.EscapeDataString(s)),
            .. slugs.Select(s => "/api/topics/" + Uri.EscapeDataString(s)),
            .. s_searches.Select(q => "/search?q=" + Uri.EscapeDataString(q)),
            .. s_searches.Select(q => "/api/search?q=" + Uri.EscapeDataString(q)),
        ];
    }

    internal static async Task<ImportReport> ImportChangedSeedAsync(KestrelCatalogServer server, CancellationToken ct)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        return await importer.ImportAsync(new ImportRequest(new SeedFile(Seeds.Name, Seeds.Changed), User: "load-test"), ct);
    }
}
