using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Catalog.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Operations;

/// <summary>Every GET reads one snapshot of the catalog, and holding it never holds up an import.</summary>
public sealed class ReadSnapshotTests : IDisposable
{
    private readonly GatedCatalogFactory _factory = new();

    [Fact]
    public async Task AnImportCommitsWhileAReaderIsMidwayAndTheReaderStillSeesOnlyTheOldCatalog()
    {
        var ct = TestContext.Current.CancellationToken;
        await _factory.ImportAsync(AlternatingSeed.Version("a"));
        var client = _factory.CreateClient();

        var (reached, release) = _factory.Gate.PauseNextLinksQuery();
        var reading = client.GetFromJsonAsync<JsonElement>("/api/topics/" + AlternatingSeed.Slug, ct);
        await reached.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var clock = Stopwatch.StartNew();
        await _factory.ImportAsync(AlternatingSeed.Version("b"));
        var importTime = clock.Elapsed;
        release.SetResult();

        // The busy timeout is 10 s: an import that had to wait for the reader's lock would take that long, then fail.
        Assert.True(importTime < TimeSpan.FromSeconds(5), $"the import waited {importTime.TotalSeconds:F1} s for the reader");
        Assert.Equal(AlternatingSeed.ApiShape("a"), AlternatingSeed.Shape(await reading));
        Assert.Equal(AlternatingSeed.ApiShape("b"), AlternatingSeed.Shape(await client.GetFromJsonAsync<JsonElement>("/api/topics/" + AlternatingSeed.Slug, ct)));
    }

    [Fact]
    public async Task ReadersDuringManyAppliesNeverSeeTheOldAndNewCatalogMixed()
    {
        var ct = TestContext.Current.CancellationToken;
        await _factory.ImportAsync(AlternatingSeed.Version("a"));
        var client = _factory.CreateClient();
        using var started = new SemaphoreSlim(0);
        using var done = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 4).Select(i => Task.Run(() => ReadUntilAsync(client, i % 2 == 0, started, done.Token), ct)).ToList();
        for (var i = 0; i < readers.Count; i++)
        {
            await started.WaitAsync(ct);
        }

        for (var apply = 1; apply <= 31; apply++)
        {
            await _factory.ImportAsync(AlternatingSeed.Version(apply % 2 == 1 ? "b" : "a"));
        }

        await done.CancelAsync();
        var reads = (await Task.WhenAll(readers)).SelectMany(r => r).ToList();

        string[] consistent = [AlternatingSeed.ApiShape("a"), AlternatingSeed.ApiShape("b"), AlternatingSeed.PageShape("a"), AlternatingSeed.PageShape("b")];
        Assert.All(reads, shape => Assert.Contains(shape, consistent));
        Assert.Contains(reads, shape => shape.StartsWith("a:", StringComparison.Ordinal));
        Assert.Contains(reads, shape => shape.StartsWith("b:", StringComparison.Ordinal));
        TestContext.Current.SendDiagnosticMessage($"{reads.Count} consistent reads during 31 applies");
    }

    [Fact]
    public async Task ASearchsSnapshotBeginsAtItsFirstQueryAndEndsWithTheRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        await _factory.ImportAsync(AlternatingSeed.Version("a"));
        var client = _factory.CreateClient();
        // A host filter is answered by SQL, so each of these begins its snapshot at its first query (a pooled context
        // that kept one would go on reading the first catalog after the import below).
        for (var i = 0; i < 8; i++)
        {
            var before = await client.GetFromJsonAsync<JsonElement>($"/api/search?q=link&host=a.example&pageSize={10 + i}", ct);
            Assert.True(before.GetProperty("total").GetInt32() >= 20);
        }

        await _factory.ImportAsync(AlternatingSeed.Version("b"));

        for (var i = 0; i < 8; i++)
        {
            var after = await client.GetFromJsonAsync<JsonElement>($"/api/search?q=link&host=b.example&pageSize={10 + i}", ct);
            Assert.True(after.GetProperty("total").GetInt32() >= 20, $"search {i} saw {after.GetProperty("total").GetInt32()} links of the new catalog");
            Assert.All(after.GetProperty("results").EnumerateArray(), r => Assert.StartsWith("https://b.example/", r.GetProperty("url").GetString()));
        }
    }

    // Readers alternate between the JSON API and the topic page: both make several queries per answer. Each reads once
    // before the applies start (the first catalog), as often as it can during them, and once from the API after them
    // (the last catalog; the page may still come from the output cache until the version watcher's next poll).
    private static async Task<List<string>> ReadUntilAsync(HttpClient client, bool api, SemaphoreSlim started, CancellationToken done)
    {
        var reads = new List<string> { await ReadAsync(client, api) };
        started.Release();
        while (!done.IsCancellationRequested)
        {
            api = !api;
            reads.Add(await ReadAsync(client, api));
        }

        reads.Add(await ReadAsync(client, api: true));
        return reads;
    }

    private static async Task<string> ReadAsync(HttpClient client, bool api) => api
        ? AlternatingSeed.Shape(await client.GetFromJsonAsync<JsonElement>("/api/topics/" + AlternatingSeed.Slug, TestContext.Current.CancellationToken))
        : AlternatingSeed.Shape(await client.GetDocumentAsync("/topics/" + AlternatingSeed.Slug));

    public void Dispose() => _factory.Dispose();
}

/// <summary>An empty catalog whose queries pass through a <see cref="QueryGate"/>.</summary>
public sealed class GatedCatalogFactory : EmptyCatalogFactory
{
    public QueryGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<CatalogDbContext>(options => options.AddInterceptors(Gate)));
    }
}

/// <summary>Holds one query of the links of a topic until the test lets it go: a reader frozen halfway through.</summary>
public sealed class QueryGate : DbCommandInterceptor
{
    private TaskCompletionSource _reached = new();
    private TaskCompletionSource _release = new();
    private int _armed;

    public (Task Reached, TaskCompletionSource Release) PauseNextLinksQuery()
    {
        _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, 1);
        return (_reached.Task, _release);
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM \"Mentions\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _reached.SetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        return result;
    }
}
