using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Pages;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkHealth;

/// <summary>The API's "health" objects and the pages' dead-link notes and check history, read after real checks on loopback.</summary>
public sealed class HealthInAnswersTests : IAsyncLifetime
{
    private static readonly string[] s_healthFields = ["status", "checkedAt", "httpStatus", "finalUrl", "deadSince", "archiveUrl", "archivedAt"];

    private LinkFixtureServer _web = null!;
    private LoopbackCatalog _catalog = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await LinkFixtureServer.StartAsync();
        _catalog = new LoopbackCatalog(_web);
        await _catalog.ImportLinksAsync(("Sturdy page", "/ok"), ("Missing page", "/missing"), ("Moved page", "/chain/a"));
        _client = _catalog.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Dictionary<string, JsonElement>> TopicHealthAsync() =>
        (await _client.GetFromJsonAsync<JsonElement>("/api/topics/papers", Ct))
        .GetProperty("links").EnumerateArray()
        .ToDictionary(l => l.GetProperty("label").GetString()!, l => l.GetProperty("health"));

    [Fact]
    public async Task EveryLinkOfATopicCarriesAHealthObjectOfNullsUntilItIsChecked()
    {
        var health = await TopicHealthAsync();

        Assert.Equal(3, health.Count);
        foreach (var h in health.Values)
        {
            Assert.Equal(s_healthFields, h.EnumerateObject().Select(p => p.Name));
            Assert.All(h.EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
        }
    }

    [Fact]
    public async Task ACheckShowsInTheTopicAnswerEvenWhenTheOldAnswerWasCached()
    {
        await TopicHealthAsync(); // cached before the check: the run must move the catalog version on

        await _catalog.CheckAsync();
        var health = await TopicHealthAsync();

        Assert.Equal("ok", health["Sturdy page"].GetProperty("status").GetString());
        Assert.Equal(200, health["Sturdy page"].GetProperty("httpStatus").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, health["Sturdy page"].GetProperty("checkedAt").ValueKind);
        Assert.Equal("broken", health["Missing page"].GetProperty("status").GetString());
        Assert.Equal(404, health["Missing page"].GetProperty("httpStatus").GetInt32());
        Assert.Equal(JsonValueKind.Null, health["Missing page"].GetProperty("deadSince").ValueKind);
        Assert.Equal("redirected", health["Moved page"].GetProperty("status").GetString());
        Assert.Equal(_web.Url("/chain/c").ToString(), health["Moved page"].GetProperty("finalUrl").GetString());
    }

    [Fact]
    public async Task ALinkFailingTwiceIsDeadSinceTheSecondCheckInBothApis()
    {
        await _catalog.CheckAsync();
        await _catalog.CheckAsync();

        var health = await TopicHealthAsync();
        var search = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=page", Ct);
        var hits = search.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("label").GetString()!, r => r.GetProperty("health"));

        Assert.NotEqual(JsonValueKind.Null, health["Missing page"].GetProperty("deadSince").ValueKind);
        Assert.Equal(JsonValueKind.Null, health["Sturdy page"].GetProperty("deadSince").ValueKind);
        Assert.Equal(3, hits.Count);
        Assert.Equal(s_healthFields, hits["Missing page"].EnumerateObject().Select(p => p.Name));
        Assert.Equal(health["Missing page"].GetProperty("deadSince").GetDateTimeOffset(), hits["Missing page"].GetProperty("deadSince").GetDateTimeOffset());
        Assert.Equal("ok", hits["Sturdy page"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ASearchAnswerCarriesHealthOfNullsForUncheckedLinks()
    {
        var search = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=sturdy", Ct);

        var health = Assert.Single(search.GetProperty("results").EnumerateArray()).GetProperty("health");
        Assert.All(health.EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
    }

    [Fact]
    public async Task ADeadLinksRowOnTheTopicPageSaysSinceWhenAndLinksItsArchivedCopy()
    {
        await _catalog.CheckAsync();
        await _catalog.CheckAsync();

        var page = await _client.GetDocumentAsync("/topics/papers");

        var rows = page.QuerySelectorAll("ol.links > li").ToDictionary(li => li.QuerySelector(".label")!.TextContent.Trim());
        var note = rows["Missing page"].QuerySelector(".link-health.dead");
        Assert.NotNull(note);
        Assert.StartsWith("dead since", note.QuerySelector(".dead-since")!.TextContent.Squash());
        var archived = note.QuerySelector("a.archived-copy")!;
        Assert.Equal("https://web.archive.org/web/20200101123000/" + _web.Url("/missing"), archived.GetAttribute("href"));
        Assert.Equal("archived copy from 1 Jan 2020", archived.TextContent.Squash());
        Assert.Null(rows["Sturdy page"].QuerySelector(".link-health"));
        Assert.Null(rows["Moved page"].QuerySelector(".link-health"));
    }

    [Fact]
    public async Task ALinkPageListsItsChecksLatestFirstWithStatusHttpStatusAndFinalUrl()
    {
        await _catalog.CheckAsync();
        await _catalog.CheckAsync();
        int moved;
        await using (var db = _catalog.OpenDatabase())
        {
            moved = await db.Links.Where(l => l.Url == _web.Url("/chain/a").ToString()).Select(l => l.Id).SingleAsync(Ct);
            db.LinkChecks.Add(new LinkCheckRow { Url = _web.Url("/chain/a").ToString(), CheckedAt = DateTimeOffset.UtcNow, Status = "error", HttpStatus = 500 });
            await db.SaveChangesAsync(Ct);
        }

        var page = await _client.GetDocumentAsync($"/links/{moved}");

        var checks = page.QuerySelectorAll("table.checks tbody tr").ToList();
        Assert.Equal(3, checks.Count);
        Assert.Equal("error", checks[0].QuerySelector(".status")!.TextContent);
        Assert.Equal(["redirected", "200", _web.Url("/chain/c").ToString()],
            checks[1].QuerySelectorAll("td").Skip(1).Select(td => td.QuerySelector(".status")?.TextContent ?? td.TextContent.Trim()));
        Assert.NotNull(checks[1].QuerySelector("time[datetime]"));
    }

    [Fact]
    public async Task AnUncheckedLinksPageSaysItWasNotCheckedYet()
    {
        await using var db = _catalog.OpenDatabase();
        var id = await db.Links.Select(l => l.Id).FirstAsync(Ct);

        var page = await _client.GetDocumentAsync($"/links/{id}");

        Assert.Equal("Not checked yet.", page.QuerySelector("section[aria-labelledby=checks-heading] .empty")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("table.checks"));
    }
}
