using Catalog.Tests.Infrastructure;
using Catalog.Web.Admin;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Catalog.Tests.Admin;

public sealed class SeedWatcherTests
{
    [Fact]
    public async Task AChangedSeedFileIsReimportedThroughTheImportService()
    {
        var seeds = Directory.CreateTempSubdirectory("catalog-watch-");
        try
        {
            var seed = Path.Combine(seeds.FullName, Seeds.Name);
            File.Copy(Seeds.OriginalPath, seed);
            await using var factory = new WatchFactory(seeds.FullName);
            await factory.Services.GetServices<IHostedService>().OfType<SeedWatcher>().Single().Watching
                .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            var version = CatalogFile.Scalar(factory.DatabasePath, "SELECT Version FROM CatalogState");

            // Saved in two writes, as editors do: only the finished file is imported.
            var changed = Seeds.Changed;
            await using (var stream = new FileStream(seed, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
            {
                await stream.WriteAsync(changed.AsMemory(0, changed.Length / 3), TestContext.Current.CancellationToken);
                await stream.FlushAsync(TestContext.Current.CancellationToken);
                await stream.WriteAsync(changed.AsMemory(changed.Length / 3), TestContext.Current.CancellationToken);
            }

            await WaitUntilAsync(() => CatalogFile.Scalar(factory.DatabasePath, "SELECT Version FROM CatalogState") > version);

            Assert.Equal(1, CatalogFile.Scalar(factory.DatabasePath, "SELECT COUNT(*) FROM Topics WHERE Slug = 'optimal-transport-and-deep-learning'"));
            Assert.Equal("watch", CatalogFile.Text(factory.DatabasePath, "SELECT User FROM ImportRuns ORDER BY Id DESC LIMIT 1"));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(changed)),
                CatalogFile.Text(factory.DatabasePath, "SELECT Sha256 FROM Sources"));
        }
        finally
        {
            seeds.Delete(recursive: true);
        }
    }

    [Theory]
    [OnEachDatabase]
    public async Task OfTwoInstancesOnOneDatabaseOnlyOneWatchesAndTheOtherTakesOverWhenItStops(DatabaseProvider provider)
    {
        var seeds = SeedsFolder(Seeds.Original);
        try
        {
            await using var a = new WatchFactory(seeds.FullName, provider);
            var watcherA = WatcherOf(a);
            await watcherA.Watching.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            var b = new WatchFactory(seeds.FullName, sameDatabaseAs: a);
            await using (b)
            {
                var watcherB = WatcherOf(b);
                var version = await VersionAsync(a);

                await File.WriteAllBytesAsync(Path.Combine(seeds.FullName, Seeds.Name), Seeds.Changed, Ct);
                await WaitUntilAsync(async () => await VersionAsync(a) > version);

                // Two renewals later, still one watcher and one import.
                await Task.Delay(WatchFactory.Lease * 2 / 3, Ct);
                Assert.False(watcherB.Watching.IsCompleted, "the second instance watched the seeds beside the first");
                await using var db = a.OpenDatabase();
                Assert.Equal(watcherA.Holder, await db.ReadLeaseHolderAsync(SeedWatcher.LeaseName, DateTimeOffset.UtcNow, Ct));
                Assert.Equal(1, await db.ImportRuns.CountAsync(r => r.User == "watch", Ct));

                // A's host stops (a redeploy): it gives the watch back, and B takes it.
                await watcherA.StopAsync(Ct);
                await watcherB.Watching.WaitAsync(TimeSpan.FromSeconds(10), Ct);
                await using var after = b.OpenDatabase();
                Assert.Equal(watcherB.Holder, await after.ReadLeaseHolderAsync(SeedWatcher.LeaseName, DateTimeOffset.UtcNow, Ct));
            }
        }
        finally
        {
            seeds.Delete(recursive: true);
        }
    }

    [Theory]
    [OnEachDatabase]
    public async Task AWatcherThatDiedIsReplacedOnceItsLeaseRunsOutAndWhatChangedMeanwhileIsImported(DatabaseProvider provider)
    {
        var seeds = SeedsFolder(Seeds.Original);
        try
        {
            await using var catalog = AdminFactory.On(provider);
            await using (var db = catalog.OpenDatabase())
            {
                Assert.True(await db.TryTakeLeaseAsync(SeedWatcher.LeaseName, "a watcher that died", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), Ct));
            }

            // Edited while nobody watched.
            await File.WriteAllBytesAsync(Path.Combine(seeds.FullName, Seeds.Name), Seeds.Changed, Ct);

            var version = await VersionAsync(catalog);
            await using var next = new WatchFactory(seeds.FullName, sameDatabaseAs: catalog);
            var watcher = WatcherOf(next);
            Assert.False(watcher.Watching.IsCompleted, "the watch was taken while its holder's lease ran");

            await watcher.Watching.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            await WaitUntilAsync(async () => await VersionAsync(catalog) > version);

            await using var check = catalog.OpenDatabase();
            Assert.Equal(1, await check.Topics.CountAsync(t => t.Slug == "optimal-transport-and-deep-learning", Ct));
            Assert.Equal("watch", await check.ImportRuns.OrderByDescending(r => r.Id).Select(r => r.User).FirstAsync(Ct));
        }
        finally
        {
            seeds.Delete(recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DirectoryInfo SeedsFolder(byte[] seed)
    {
        var seeds = Directory.CreateTempSubdirectory("catalog-watch-");
        File.WriteAllBytes(Path.Combine(seeds.FullName, Seeds.Name), seed);
        return seeds;
    }

    private static SeedWatcher WatcherOf(CatalogFactory factory) => factory.Services.GetServices<IHostedService>().OfType<SeedWatcher>().Single();

    private static async Task<long> VersionAsync(CatalogFactory factory)
    {
        await using var db = factory.OpenDatabase();
        return await db.CatalogState.Select(s => s.Version).SingleAsync(Ct);
    }

    // Polls the database until the condition holds; fails after ten seconds.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!await condition())
        {
            await poll.WaitForNextTickAsync(timeout.Token);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private sealed class WatchFactory : AdminFactory
    {
        public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

        private readonly string _seeds;

        public WatchFactory(string seeds, DatabaseProvider provider = DatabaseProvider.Sqlite)
            : base(provider)
        {
            _seeds = seeds;
            Watch();
        }

        /// <summary>Another instance on that factory's database, watching the same folder.</summary>
        public WatchFactory(string seeds, CatalogFactory sameDatabaseAs)
            : base(sameDatabaseAs)
        {
            _seeds = seeds;
            Watch();
        }

        public override string SeedsPath => _seeds;

        private void Watch()
        {
            With["Catalog:WatchSeeds"] = "true";
            With["Catalog:SeedWatchLease"] = Lease.ToString();
        }
    }
}
