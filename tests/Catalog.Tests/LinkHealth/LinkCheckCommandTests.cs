using System.Text;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkHealth;

public sealed class LinkCheckCommandTests : IAsyncLifetime
{
    private LinkFixtureServer _web = null!;
    private LoopbackCatalog _catalog = null!;

    private sealed class LoopbackCatalog : EmptyCatalogFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Catalog:Links:AllowPrivateAddresses"] = "true",
            // Generous: no test here waits for a timeout, and on a busy machine a retried fetch would be counted twice.
            ["Catalog:Links:Timeout"] = "00:00:10",
        };
    }

    public async ValueTask InitializeAsync()
    {
        _web = await LinkFixtureServer.StartAsync();
        _catalog = new LoopbackCatalog();
    }

    public async ValueTask DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    private SeedFile Seed() => new("links.md", Encoding.UTF8.GetBytes($"""
        # Links

        ## Papers

        - [Fine]({_web.Url("/ok")})
        - [Missing]({_web.Url("/missing")})
        - [Moved]({_web.Url("/chain/a")})
        """));

    private async Task<JsonElement> CheckJsonAsync()
    {
        var output = new StringWriter();
        var exit = await new LinkCheckCommand(_catalog.Services).RunAsync(new LinkCheckOptions(Json: true, OnlyDue: false, Host: null), output, TestContext.Current.CancellationToken);
        Assert.Equal(0, exit);
        return JsonDocument.Parse(output.ToString()).RootElement;
    }

    [Fact]
    public async Task TheJsonSummaryCountsEveryStatusUnderItsDocumentedName()
    {
        await _catalog.ImportAsync(Seed());

        var json = await CheckJsonAsync();

        Assert.Equal(
            ["checked", "ok", "redirected", "broken", "unreachable", "timeout", "blocked", "error", "dead", "archived", "inconclusive", "metadata"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, json.GetProperty("checked").GetInt32());
        Assert.Equal(1, json.GetProperty("ok").GetInt32());
        Assert.Equal(1, json.GetProperty("redirected").GetInt32());
        Assert.Equal(1, json.GetProperty("broken").GetInt32());
        Assert.False(json.GetProperty("inconclusive").GetBoolean());
    }

    [Fact]
    public async Task ACheckFetchesWhatTheLinksAreTooAndCountsItInItsJson()
    {
        await _catalog.ImportAsync(Seed());

        var metadata = (await CheckJsonAsync()).GetProperty("metadata");

        Assert.Equal(3, metadata.GetProperty("links").GetInt32());
        await using var db = _catalog.OpenDatabase();
        Assert.Equal(3, await db.LinkMetadata.CountAsync(m => m.AttemptedAt > DateTimeOffset.MinValue, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LinksMetaWaitsForNoOneAndRefusesWhileACheckHoldsTheLease()
    {
        await _catalog.ImportAsync(Seed());
        await using (var db = _catalog.OpenDatabase())
        {
            Assert.True(await db.TryAcquireAsync("schedule 1 on elsewhere", DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));
        }

        var exit = await new Catalog.Web.Links.Metadata.LinkMetaCommand(_catalog.Services).RunAsync(json: true, host: null, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(LinkCheckCommand.BusyExitCode, exit);
        Assert.Equal(0, _web.Requests);
    }

    [Fact]
    public async Task HealthSurvivesAReimportAndADueOnlyRunChecksNothingAgain()
    {
        await _catalog.ImportAsync(Seed());
        await CheckJsonAsync();
        var requests = _web.Requests;

        await _catalog.ImportAsync(Seed());
        var output = new StringWriter();
        await new LinkCheckCommand(_catalog.Services).RunAsync(new LinkCheckOptions(Json: true, OnlyDue: true, Host: null), output, TestContext.Current.CancellationToken);

        await using var db = _catalog.OpenDatabase();
        Assert.Equal(3, await db.LinkHealth.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, JsonDocument.Parse(output.ToString()).RootElement.GetProperty("checked").GetInt32());
        Assert.Equal(requests, _web.Requests);
    }
}
