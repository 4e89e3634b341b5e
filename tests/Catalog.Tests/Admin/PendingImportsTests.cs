using Catalog.Tests.Infrastructure;
using Catalog.Web.Admin;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Admin;

/// <summary>The previews kept between the import page's Preview and Apply, in a real database of each provider.</summary>
public sealed class PendingImportsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static SeedFile File(int index, int bytes) => new($"seed-{index}.md", new byte[bytes]);

    private static async Task<TestDatabase> DatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, Ct);
        await using var db = database.Context();
        await db.MigrateCatalogAsync(Ct);
        return database;
    }

    [Theory]
    [OnEachDatabase]
    public async Task ANewPreviewEvictsTheOldestOncePastTheCount(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var db = database.Context();
        var clock = new ManualClock(Start);
        var pending = new PendingImports(db, new CatalogDatabase(database.Settings), clock, maxPreviews: 3, maxBytes: long.MaxValue);
        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await pending.SaveAsync(File(i, 10), "admin", Ct));
            clock.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Equal(3, await db.PendingImports.CountAsync(Ct));
        Assert.Null(await pending.LoadAsync(tokens[0], Ct));
        Assert.Null(await pending.LoadAsync(tokens[1], Ct));
        Assert.Equal("seed-2.md", (await pending.LoadAsync(tokens[2], Ct))?.Name);
        Assert.Equal("seed-4.md", (await pending.LoadAsync(tokens[4], Ct))?.Name);
    }

    [Theory]
    [OnEachDatabase]
    public async Task ANewPreviewEvictsTheOldestOncePastTheTotalSize(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var db = database.Context();
        var clock = new ManualClock(Start);
        var pending = new PendingImports(db, new CatalogDatabase(database.Settings), clock, maxPreviews: 100, maxBytes: 2_500);
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await pending.SaveAsync(File(i, 1_000), null, Ct));
            clock.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Equal(2_000, await db.PendingImports.SumAsync(p => p.Size, Ct));
        Assert.Null(await pending.LoadAsync(tokens[0], Ct));
        Assert.Null(await pending.LoadAsync(tokens[1], Ct));
        Assert.Equal(new byte[1_000], (await pending.LoadAsync(tokens[2], Ct))?.Content);
        Assert.NotNull(await pending.LoadAsync(tokens[3], Ct));
    }

    [Theory]
    [OnEachDatabase]
    public async Task APreviewExpiresAfterADayAndTheNextPreviewDropsIt(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var db = database.Context();
        var clock = new ManualClock(Start);
        var pending = new PendingImports(db, new CatalogDatabase(database.Settings), clock);
        var old = await pending.SaveAsync(File(1, 10), "admin", Ct);

        clock.Now += PendingImports.Keep;
        Assert.Equal("seed-1.md", (await pending.LoadAsync(old, Ct))?.Name);
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null(await pending.LoadAsync(old, Ct));

        var fresh = await pending.SaveAsync(File(2, 10), "admin", Ct);
        Assert.Equal([fresh], await db.PendingImports.Select(p => p.Token).ToListAsync(Ct));
        Assert.Equal("admin", await db.PendingImports.Select(p => p.User).SingleAsync(Ct));
    }

    [Theory]
    [OnEachDatabase]
    public async Task ARemovedPreviewIsGoneAndOnlyItsOwnTokensAreLookedUp(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var db = database.Context();
        var pending = new PendingImports(db, new CatalogDatabase(database.Settings), new ManualClock(Start));
        var kept = await pending.SaveAsync(File(1, 10), null, Ct);
        var removed = await pending.SaveAsync(File(2, 10), null, Ct);

        await pending.RemoveAsync(removed, Ct);

        Assert.Null(await pending.LoadAsync(removed, Ct));
        Assert.NotNull(await pending.LoadAsync(kept, Ct));
        Assert.Null(await pending.LoadAsync(kept.ToUpperInvariant(), Ct));
        Assert.Null(await pending.LoadAsync("' OR 1=1 --", Ct));
        Assert.Null(await pending.LoadAsync(null, Ct));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
