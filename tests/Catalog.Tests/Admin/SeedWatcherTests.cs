using Catalog.Web.Admin;
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

    // Polls the database until the condition holds; fails after ten seconds.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            await poll.WaitForNextTickAsync(timeout.Token);
        }
    }

    private sealed class WatchFactory : AdminFactory
    {
        private readonly string _seeds;

        public WatchFactory(string seeds)
        {
            _seeds = seeds;
            With["Catalog:WatchSeeds"] = "true";
        }

        public override string SeedsPath => _seeds;
    }
}
