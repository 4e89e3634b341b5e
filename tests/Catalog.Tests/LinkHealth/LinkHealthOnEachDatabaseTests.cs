using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.LinkHealth;

/// <summary>The link-health writers on each database: dates are bound as dates, so PostgreSQL takes them as SQLite does.</summary>
public sealed class LinkHealthOnEachDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [OnEachDatabase]
    public async Task TheLeaseRefusesASecondHolderUntilItIsGivenBackOrRunsOut(DatabaseProvider provider)
    {
        await using var web = await LinkFixtureServer.StartAsync();
        await using var catalog = new LoopbackCatalog(web, provider: provider);
        await catalog.ImportLinksAsync(("Sturdy", "/ok"));
        await using var db = catalog.OpenDatabase();
        var now = DateTimeOffset.UtcNow;

        Assert.True(await db.TryAcquireAsync("first", now, Ct));
        Assert.False(await db.TryAcquireAsync("second", now.AddSeconds(30), Ct));
        await db.RenewAsync("first", 1, 2, now.AddSeconds(30), Ct);
        Assert.False(await db.TryAcquireAsync("second", now + LinkCheckLease.Duration + TimeSpan.FromSeconds(1), Ct));
        var progress = await db.ReadProgressAsync(now.AddSeconds(31), Ct);
        Assert.Equal(("first", 1, 2), (progress.Holder, progress.Done, progress.Total));
        Assert.True(await db.TryAcquireAsync("second", now + LinkCheckLease.Duration + TimeSpan.FromSeconds(31), Ct));
        await db.ReleaseAsync("second", null, now, Ct);
        Assert.True(await db.TryAcquireAsync("third", now, Ct));
    }

    [Theory]
    [OnEachDatabase]
    public async Task ACheckRunRecordsEachLinksHealthAndItsCountsAndMovesTheCatalogVersionOn(DatabaseProvider provider)
    {
        await using var web = await LinkFixtureServer.StartAsync();
        await using var catalog = new LoopbackCatalog(web, provider: provider);
        await catalog.ImportLinksAsync(("Sturdy", "/ok"), ("Missing", "/missing"));

        var output = new StringWriter();
        Assert.Equal(0, await new LinkCheckCommand(catalog.Services).RunAsync(new LinkCheckOptions(Json: true, OnlyDue: false, Host: null), output, Ct));

        await using var db = catalog.OpenDatabase();
        var health = await db.LinkHealth.AsNoTracking().ToDictionaryAsync(h => new Uri(h.Url).AbsolutePath, h => h.Status, Ct);
        Assert.Equal("ok", health["/ok"], ignoreCase: true);
        Assert.NotEqual("ok", health["/missing"], StringComparer.OrdinalIgnoreCase);
        Assert.True(await db.CatalogState.Select(s => s.Version).SingleAsync(Ct) > 1, "the run moved the version on from the import's");
        var progress = await db.ReadProgressAsync(DateTimeOffset.UtcNow, Ct);
        Assert.False(progress.Running);
        Assert.NotNull(progress.LastFinishedAt);
        Assert.Equal((2, 1), (progress.Last!.Checked, progress.Last.Broken));

        // The search API reads health in its own SQL: the same status and date as the row.
        var row = await db.LinkHealth.AsNoTracking().SingleAsync(h => h.Url.EndsWith("/ok"), Ct);
        var search = await catalog.CreateClient().GetFromJsonAsync<JsonElement>("/api/search?q=sturdy", Ct);
        var shown = Assert.Single(search.GetProperty("results").EnumerateArray()).GetProperty("health");
        Assert.Equal(row.Status, shown.GetProperty("status").GetString());
        Assert.Equal(row.CheckedAt, shown.GetProperty("checkedAt").GetDateTimeOffset());
        Assert.Equal(row.HttpStatus, shown.GetProperty("httpStatus").GetInt32());
    }

    [Theory]
    [OnEachDatabase]
    public async Task KeptFiguresAreStoredOncePerContentAndMoveTheCatalogVersionOn(DatabaseProvider provider)
    {
        await using var web = await LinkFixtureServer.StartAsync();
        await using var catalog = new LoopbackCatalog(web, new Dictionary<string, string?> { ["Catalog:Links:MaxBytes"] = "100000" }, provider);
        await catalog.ImportAsync(new SeedFile("figures.md", Encoding.UTF8.GetBytes($"""
            # Figures

            ## Papers

            - [Sturdy]({web.Url("/ok")})

            <img src="{web.Url("/figure.png")}" alt="A plot">
            <img src="{web.Url("/same-figure.png")}" alt="The same plot again">
            """)));

        await using (var scope = catalog.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<FigureKeeper>().KeepAsync(Ct));
        }

        await using var db = catalog.OpenDatabase();
        Assert.Equal(1, await db.FigureBlobs.CountAsync(Ct));
        Assert.Equal(2, await db.StoredFigures.CountAsync(Ct));
        Assert.True(await db.CatalogState.Select(s => s.Version).SingleAsync(Ct) > 1, "keeping figures moved the version on from the import's");
    }
}
