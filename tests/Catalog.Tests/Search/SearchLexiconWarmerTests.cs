using System.Diagnostics;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Search;
using Catalog.Web.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Search;

/// <summary>The lexicon of each new catalog version is read in the background, before any search asks for it.</summary>
public sealed class SearchLexiconWarmerTests
{
    [Theory]
    [OnEachDatabase]
    public async Task AnImportsLexiconIsReadWithoutASearch(DatabaseProvider provider)
    {
        using var catalog = EmptyCatalogFactory.On(provider);
        await catalog.ImportAsync(EmptyCatalogFactory.SeedPath);
        var version = catalog.Services.GetRequiredService<CatalogVersion>();
        var lexicons = catalog.Services.GetRequiredService<SearchLexicons>();
        await ReadAsync(lexicons, version.Current.Version);

        var seed = await File.ReadAllTextAsync(EmptyCatalogFactory.SeedPath, TestContext.Current.CancellationToken);
        await catalog.ImportAsync(new SeedFile("science-of-deep-learning.md", System.Text.Encoding.UTF8.GetBytes(seed + "\n\n## Zyxwvut studies\n\n* [Zyxwvut](https://example.org/zyxwvut)\n")));
        var imported = version.Current.Version;

        Assert.NotEqual(imported, lexicons.ReadVersion);
        await ReadAsync(lexicons, imported);
        await using var connection = await catalog.Services.GetRequiredService<CatalogDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        Assert.True((await lexicons.GetAsync(connection, TestContext.Current.CancellationToken)).DocumentCount("zyxwvut") > 0);
    }

    // No search is made: only the warmer can read it. It starts two seconds after the host and polls four times a second.
    private static async Task ReadAsync(SearchLexicons lexicons, long version)
    {
        var waited = Stopwatch.StartNew();
        while (lexicons.ReadVersion != version)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"version {version}'s lexicon was not read; it is at {lexicons.ReadVersion}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
