using System.Diagnostics;
using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Web;

/// <summary>
/// An import made outside the server's requests (another scope, or another process writing the database) shows on
/// the pages within a second, although they are output-cached and answered 304 by version.
/// </summary>
public sealed class CatalogVersionWatcherTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(1);

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AnImportThroughAnotherScopeShowsWithinASecond()
    {
        const string url = "/topics/inverse-problem-and-deep-learning";
        var label = $"Freshly imported {Guid.NewGuid():n}";
        var before = await _client.GetStringAsync(url, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(label, before, StringComparison.Ordinal);

        var seed = SeedEdits.Original.Replace("## Inverse Problem and Deep Learning\n", $"## Inverse Problem and Deep Learning\n\n- [{label}](https://example.org/{label})\n", StringComparison.Ordinal);
        await SeedEdits.ImportAsync(factory, seed);
        var clock = Stopwatch.StartNew();

        var seen = await PollAsync(async () => (await _client.GetStringAsync(url, TestContext.Current.CancellationToken)).Contains(label, StringComparison.Ordinal));
        Assert.True(seen, $"the new link did not show within {s_deadline.TotalSeconds} s");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, s_deadline);
    }

    [Fact]
    public async Task AVersionBumpByAnotherConnectionChangesTheETagAndEvictsTheCache()
    {
        const string url = "/kinds/course";
        using var first = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        using var cached = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(0, cached.SqlCommands());

        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var bump = connection.CreateCommand();
            bump.CommandText = "UPDATE CatalogState SET Version = Version + 1 WHERE Id = 1";
            Assert.Equal(1, await bump.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var clock = Stopwatch.StartNew();
        HttpResponseMessage? fresh = null;
        var changed = await PollAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            fresh?.Dispose();
            fresh = await _client.SendAsync(request, TestContext.Current.CancellationToken);
            return fresh.StatusCode == HttpStatusCode.OK;
        });
        Assert.True(changed, $"the old ETag still matched after {s_deadline.TotalSeconds} s");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, s_deadline);
        Assert.NotEqual(first.Headers.ETag, fresh!.Headers.ETag);
        Assert.True(fresh.SqlCommands() > 0);
        fresh.Dispose();
    }

    // Asks again until the condition holds or the deadline passes; the short pause only spaces out the requests.
    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return await condition();
    }
}
