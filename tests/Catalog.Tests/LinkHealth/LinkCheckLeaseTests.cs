using Catalog.Web.Links;

namespace Catalog.Tests.LinkHealth;

/// <summary>One run at a time across the CLI and the servers of one catalog.</summary>
public sealed class LinkCheckLeaseTests : IAsyncLifetime
{
    private LinkFixtureServer _web = null!;
    private LoopbackCatalog _catalog = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await LinkFixtureServer.StartAsync();
        _catalog = new LoopbackCatalog(_web);
        await _catalog.ImportLinksAsync(("Sturdy", "/ok"), ("Missing", "/missing"));
    }

    public async ValueTask DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASecondHolderIsRefusedUntilTheFirstGivesTheLeaseBackOrItRunsOut()
    {
        await using var db = _catalog.OpenDatabase();
        var now = DateTimeOffset.UtcNow;

        Assert.True(await db.TryAcquireAsync("first", now, Ct));
        Assert.False(await db.TryAcquireAsync("second", now.AddSeconds(30), Ct));
        Assert.True((await db.ReadProgressAsync(now, Ct)).Running);
        Assert.True(await db.TryAcquireAsync("second", now + LinkCheckLease.Duration + TimeSpan.FromSeconds(1), Ct));
        await db.ReleaseAsync("second", null, now, Ct);
        Assert.True(await db.TryAcquireAsync("third", now, Ct));
    }

    [Fact]
    public async Task TheCliRefusesToCheckWhileAnotherRunHoldsTheLeaseAndChecksNothing()
    {
        await using (var db = _catalog.OpenDatabase())
        {
            Assert.True(await db.TryAcquireAsync("server elsewhere", DateTimeOffset.UtcNow, Ct));
        }

        var output = new StringWriter();
        var exit = await new LinkCheckCommand(_catalog.Services).RunAsync(new LinkCheckOptions(Json: true, OnlyDue: false, Host: null), output, Ct);

        Assert.Equal(LinkCheckCommand.BusyExitCode, exit);
        Assert.Equal("", output.ToString());
        Assert.Equal(0, _web.Requests);
    }

    [Fact]
    public async Task AFinishedRunLeavesItsCountsAndFreesTheLease()
    {
        var output = new StringWriter();
        Assert.Equal(0, await new LinkCheckCommand(_catalog.Services).RunAsync(new LinkCheckOptions(Json: true, OnlyDue: false, Host: null), output, Ct));
        await using var db = _catalog.OpenDatabase();

        var progress = await db.ReadProgressAsync(DateTimeOffset.UtcNow, Ct);

        Assert.False(progress.Running);
        Assert.NotNull(progress.LastFinishedAt);
        Assert.Equal(2, progress.Last!.Checked);
        Assert.Equal(1, progress.Last.Broken);
        Assert.Equal((2, 2), (progress.Done, progress.Total));
    }
}
