using System.Diagnostics;
using System.Net;
using System.Text;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Catalog.Web.Data;
using Catalog.Web.Import;

namespace Catalog.Tests.Web;

/// <summary>
/// Two instances on one database, as behind a load balancer: an import on one reaches the other's cached pages and
/// ETags within a second (its <see cref="Catalog.Web.Web.CatalogVersionWatcher"/> polls the version row).
/// </summary>
public sealed class CacheCoherenceAcrossInstancesTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(1);

    private const string Seed = """
        # Reading

        ## Papers

        - [One](https://example.org/one)
        - [Two](https://example.org/two)
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [OnEachDatabase]
    public async Task AnImportOnOneInstanceIsServedByTheOtherWithinASecondUnderTheSameETag(DatabaseProvider provider)
    {
        const string url = "/topics/papers";
        await using var a = EmptyCatalogFactory.On(provider);
        await a.ImportAsync(new SeedFile("reading.md", Encoding.UTF8.GetBytes(Seed)));
        await using var b = a.SecondInstance();
        var clientA = a.CreateClient();
        var clientB = b.CreateClient();

        // B has the page cached under the first version.
        using var first = await clientB.GetAsync(url, Ct);
        using var cached = await clientB.GetAsync(url, Ct);
        Assert.Equal(0, cached.SqlCommands());
        Assert.DoesNotContain("Three", await cached.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await a.ImportAsync(new SeedFile("reading.md", Encoding.UTF8.GetBytes(Seed + "- [Three](https://example.org/three)\n")));
        var clock = Stopwatch.StartNew();

        HttpResponseMessage? fresh = null;
        var seen = await PollAsync(async () =>
        {
            fresh?.Dispose();
            fresh = await clientB.GetAsync(url, Ct);
            return (await fresh.Content.ReadAsStringAsync(Ct)).Contains("Three", StringComparison.Ordinal);
        });
        Assert.True(seen, $"the other instance still served the old catalog after {s_deadline.TotalSeconds} s");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, s_deadline);

        using var fromA = await clientA.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, fresh!.StatusCode);
        Assert.NotEqual(first.Headers.ETag, fresh.Headers.ETag);
        Assert.Equal(fromA.Headers.ETag, fresh.Headers.ETag);
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

            await Task.Delay(20, Ct);
        }

        return await condition();
    }
}
