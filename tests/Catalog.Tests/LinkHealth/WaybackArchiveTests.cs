using System.Text;
using Catalog.Web.Data;
using Catalog.Web.Links;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkHealth;

/// <summary>The archive fallback: asked only about dead links, one at a time, answers kept, a 429 respected.</summary>
public sealed class WaybackArchiveTests : IAsyncLifetime
{
    private LinkFixtureServer _web = null!;
    private LoopbackCatalog _catalog = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await LinkFixtureServer.StartAsync();
        _catalog = new LoopbackCatalog(_web);
        await _catalog.ImportLinksAsync(("Sturdy", "/ok"), ("Missing", "/missing"), ("Missing too", "/missing?page=2"), ("Gone", "/gone"));
    }

    public async ValueTask DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int Questions => _web.RequestsTo("127.0.0.1/wayback/available");

    private async Task<Dictionary<string, LinkHealthRow>> HealthAsync()
    {
        await using var db = _catalog.OpenDatabase();
        return await db.LinkHealth.ToDictionaryAsync(h => new Uri(h.Url).PathAndQuery, Ct);
    }

    [Theory]
    [InlineData("""{"archived_snapshots":{"closest":{"status":"200","available":true,"url":"http://web.archive.org/web/20130919044612/http://example.com/","timestamp":"20130919044612"}}}""",
        "https://web.archive.org/web/20130919044612/http://example.com/")]
    [InlineData("""{"archived_snapshots":{"closest":{"status":"404","available":true,"url":"http://web.archive.org/web/20130919044612/http://example.com/","timestamp":"20130919044612"}}}""", null)]
    [InlineData("""{"archived_snapshots":{"closest":{"status":"302","available":true,"url":"http://web.archive.org/web/20130919044612/http://example.com/","timestamp":"20130919044612"}}}""", null)]
    [InlineData("""{"url":"example.com","archived_snapshots":{}}""", null)]
    public void OnlyASnapshotThatWasItselfASuccessIsACopy(string json, string? copy)
    {
        var answer = WaybackArchive.Read(Encoding.UTF8.GetBytes(json));

        if (copy is null)
        {
            Assert.IsType<ArchiveAnswer.None>(answer);
        }
        else
        {
            var snapshot = Assert.IsType<ArchiveAnswer.Snapshot>(answer);
            Assert.Equal(copy, snapshot.Url);
            Assert.Equal(new DateTimeOffset(2013, 9, 19, 4, 46, 12, TimeSpan.Zero), snapshot.ArchivedAt);
        }
    }

    [Fact]
    public async Task OnlyDeadLinksAreAskedAboutOneAtATimeAndEachAnswerIsKept()
    {
        await _catalog.CheckAsync();
        Assert.Equal(0, Questions); // one strike is not dead

        var summary = await _catalog.CheckAsync();
        var health = await HealthAsync();

        Assert.Equal(3, Questions);
        Assert.Equal(1, _web.WaybackMaxInFlight);
        Assert.Equal(3, summary.Dead);
        Assert.Equal(2, summary.Archived);
        Assert.Equal($"https://web.archive.org/web/20200101123000/{_web.Url("/missing")}", health["/missing"].ArchiveUrl);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 12, 30, 0, TimeSpan.Zero), health["/missing"].ArchivedAt);
        Assert.Null(health["/gone"].ArchiveUrl); // only an archived error page
        Assert.NotNull(health["/gone"].ArchiveCheckedAt);
        Assert.Null(health["/ok"].ArchiveCheckedAt);

        await _catalog.CheckAsync();
        Assert.Equal(3, Questions);
    }

    [Fact]
    public async Task WhenTheApiIsRateLimitedDeadLinksPointAtTheArchivesOwnRedirectFromTheirEntryDate()
    {
        _web.WaybackLimited = true;
        await _catalog.CheckAsync();

        await _catalog.CheckAsync();
        var health = await HealthAsync();
        await using var db = _catalog.OpenDatabase();
        var entered = await db.ImportRuns.Select(r => r.StartedAt).SingleAsync(Ct);

        // The first question's tries (the door retries a 429 after its Retry-After), then no more questions this run.
        Assert.InRange(Questions, 1, 3);
        Assert.Equal($"https://web.archive.org/web/{entered.UtcDateTime:yyyyMMdd}/{_web.Url("/gone")}", health["/gone"].ArchiveUrl);
        Assert.Equal($"https://web.archive.org/web/{entered.UtcDateTime:yyyyMMdd}/{_web.Url("/missing?page=2")}", health["/missing?page=2"].ArchiveUrl);
        Assert.All(health.Values, h => Assert.Null(h.ArchivedAt));
        Assert.All(health.Values, h => Assert.Null(h.ArchiveCheckedAt)); // asked again on a later run
    }
}
