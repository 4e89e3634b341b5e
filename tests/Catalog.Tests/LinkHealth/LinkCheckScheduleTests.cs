using Catalog.Web.Links;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkHealth;

public sealed class LinkCheckScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("7.00:00:00", false, true, true)]
    [InlineData("7.00:00:00", false, false, false)]
    [InlineData("7.00:00:00", true, false, true)]
    [InlineData("00:00:00", true, true, false)]
    [InlineData("00:00:00", false, true, false)]
    public void TheScheduleRunsInProductionOrWhereConfiguredAndNeverAtZero(string interval, bool configured, bool production, bool on) =>
        Assert.Equal(on, LinkCheckSchedule.IsOn(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), configured, production));

    [Fact]
    public void ANeverCheckedCatalogRunsAFewMinutesAfterStartAndAfterwardsAnIntervalAfterTheLastRun()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var week = TimeSpan.FromDays(7);

        Assert.Equal(start + LinkCheckSchedule.FirstRunDelay, LinkCheckSchedule.NextRun(null, start, week));
        Assert.Equal(start + TimeSpan.FromSeconds(1), LinkCheckSchedule.NextRun(null, start, TimeSpan.FromSeconds(1)));
        Assert.Equal(start.AddDays(-1) + week, LinkCheckSchedule.NextRun(start.AddDays(-1), start, week));
    }

    [Fact]
    public async Task AConfiguredScheduleChecksTheCatalogByItselfAndRecordsTheRun()
    {
        await using var web = await LinkFixtureServer.StartAsync();
        await using var catalog = new LoopbackCatalog(web, new Dictionary<string, string?> { ["Catalog:Links:CheckInterval"] = "00:00:01" });
        await catalog.ImportLinksAsync(("Sturdy", "/ok"));

        // Waits for the schedule's run (an event, not a duration: the deadline only bounds a failure).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Catalog.Web.Links.LinkCheckProgress progress;
        do
        {
            await Task.Delay(100, Ct);
            await using var db = catalog.OpenDatabase();
            progress = await db.ReadProgressAsync(DateTimeOffset.UtcNow, Ct);
        }
        // A run that found the catalog still empty (the import is slow on a loaded machine) also finishes: wait for one
        // that checked the link.
        while (progress.Last is not { Checked: > 0 } && DateTime.UtcNow < deadline);

        Assert.NotNull(progress.LastFinishedAt);
        Assert.True(web.RequestsTo("127.0.0.1/ok") >= 1);
        await using var check = catalog.OpenDatabase();
        Assert.Equal("ok", await check.LinkHealth.Select(h => h.Status).SingleAsync(Ct));
        // The schedule refreshes what the links are with their health (link metadata).
        Assert.Equal(1, progress.Last?.Metadata?.Links);
        Assert.True(await check.LinkMetadata.Where(m => m.Url.EndsWith("/ok")).Select(m => m.AttemptedAt).SingleAsync(Ct) > DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task WithoutAConfiguredIntervalATestCatalogNeverChecksByItself()
    {
        await using var web = await LinkFixtureServer.StartAsync();
        await using var catalog = new LoopbackCatalog(web);
        await catalog.ImportLinksAsync(("Sturdy", "/ok"));
        await using var db = catalog.OpenDatabase();

        var progress = await db.ReadProgressAsync(DateTimeOffset.UtcNow, Ct);

        Assert.Null(progress.LastFinishedAt);
        Assert.False(progress.Running);
        Assert.Equal(0, web.Requests);
    }
}
