using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.LinkHealth;

/// <summary>
/// The link-check schedule and metadata fetches of several instances on one database run one at a time (the lease
/// row), so per-host politeness and the API budgets hold for the whole site; when the holder stops renewing, another
/// instance takes over.
/// </summary>
public sealed class OneRunAcrossInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [OnEachDatabase]
    public async Task AnotherInstanceIsRefusedWhileOneRunsAndTakesOverWhenItsLeaseRunsOut(DatabaseProvider provider)
    {
        await using var web = await LinkFixtureServer.StartAsync();
        await using var a = new LoopbackCatalog(web, provider: provider);
        await a.ImportLinksAsync(("Sturdy", "/ok"), ("Missing", "/missing"));
        await using var b = new LoopbackCatalog(web, sameDatabaseAs: a);
        var runnerB = b.Services.GetRequiredService<LinkCheckRunner>();
        var now = DateTimeOffset.UtcNow;
        await using (var db = a.OpenDatabase())
        {
            Assert.True(await db.TryAcquireAsync("instance A", now, Ct));
        }

        Assert.Null(await runnerB.RunAsync(new LinkCheckRequest(), "schedule", null, Ct));
        Assert.Null(await runnerB.RunMetadataAsync(null, "schedule", Ct));
        Assert.Equal(0, web.Requests);

        // A dies: it stops renewing, and its lease runs out.
        await using (var db = a.OpenDatabase())
        {
            var expired = now - LinkCheckLease.Duration - TimeSpan.FromSeconds(1);
            await db.Leases.Where(l => l.Name == LinkCheckLease.Name).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, expired), Ct);
        }

        var summary = await runnerB.RunAsync(new LinkCheckRequest(), "schedule", null, Ct);

        Assert.NotNull(summary);
        Assert.Equal((2, 1), (summary.Checked, summary.Broken));
        await using var check = a.OpenDatabase();
        var progress = await check.ReadProgressAsync(DateTimeOffset.UtcNow, Ct);
        Assert.False(progress.Running);
        Assert.Equal(2, progress.Last!.Checked);
    }
}
