using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Import;

public sealed class ConcurrentReaderTests
{
    [Fact]
    public async Task ReadersDuringAnApplySeeTheWholeOldCatalogOrTheWholeNewOne()
    {
        await using var factory = new CatalogFactory();
        var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var old = await client.GetStringAsync("/api/topics", ct);
        var clock = Stopwatch.StartNew();
        using var applied = new CancellationTokenSource();
        var readersStarted = 0;
        var applyEndTicks = long.MaxValue;
        var allReading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var reads = new List<(TimeSpan Start, TimeSpan End, HttpStatusCode Status, string Body)>();
            // Every reader goes on until it has read the new catalog after the apply ended (answers are cached per
            // catalog version, and the server notices a new version within a poll), or gives up after ten seconds.
            while (!applied.IsCancellationRequested
                   || (!reads.Any(r => r.Start.Ticks > Volatile.Read(ref applyEndTicks) && r.Body != old)
                       && clock.Elapsed.Ticks - Volatile.Read(ref applyEndTicks) < TimeSpan.TicksPerSecond * 10))
            {
                var start = clock.Elapsed;
                var response = await client.GetAsync("/api/topics", ct);
                reads.Add((start, clock.Elapsed, response.StatusCode, await response.Content.ReadAsStringAsync(ct)));
                if (reads.Count == 1 && Interlocked.Increment(ref readersStarted) == 4)
                {
                    allReading.SetResult();
                }
            }

            return reads;
        }, ct)).ToList();

        await allReading.Task.WaitAsync(ct);
        var applyStart = clock.Elapsed;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogImporter>()
                .ImportAsync(new ImportRequest(new SeedFile(Seeds.Name, Seeds.Changed)), ct);
        }

        var applyEnd = clock.Elapsed;
        Volatile.Write(ref applyEndTicks, applyEnd.Ticks);
        await applied.CancelAsync();
        var all = (await Task.WhenAll(readers)).SelectMany(r => r).ToList();
        var now = all[^1].Body;

        Assert.NotEqual(old, now);
        Assert.All(all, read => Assert.Equal(HttpStatusCode.OK, read.Status));
        Assert.All(all, read => Assert.True(read.Body == old || read.Body == now, "a reader saw a catalog that is neither the old nor the new one"));
        Assert.Contains(all, read => read.Start < applyEnd && read.End > applyStart);
        Assert.Contains(all, read => read.Body == old);
        Assert.Contains(all, read => read.Body == now);
    }

    [Fact]
    public async Task TheApiServesTheNewCatalogAfterAnApply()
    {
        await using var factory = new CatalogFactory();
        var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogImporter>()
                .ImportAsync(new ImportRequest(new SeedFile(Seeds.Name, Seeds.Changed)), ct);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/topics/topology-and-deep-learning", ct)).StatusCode);
        var added = await client.GetFromJsonAsync<JsonElement>("/api/topics/kernel-methods-and-deep-learning", ct);
        Assert.Equal(
            ["https://papers.nips.cc/paper/3628-kernel-methods-for-deep-learning", "https://arxiv.org/abs/1806.07572"],
            added.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("url").GetString()));
        var physics = await client.GetFromJsonAsync<JsonElement>("/api/topics/physics-and-deep-learning", ct);
        var urls = physics.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("url").GetString()).ToList();
        Assert.DoesNotContain("https://physics-ai.com/", urls);
        Assert.Contains(physics.GetProperty("links").EnumerateArray(), l => l.GetProperty("label").GetString() == "The Thermodynamics of Learning (phys.org)");
    }
}
