using System.Net;
using System.Text;
using Catalog.Tests.Admin;
using Catalog.Tests.Pages;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.LinkHealth;

/// <summary>/admin/links: a run started and watched, the report by topic with seed lines, the suggested seed applied.</summary>
public sealed class AdminLinksPageTests : IAsyncLifetime
{
    private LinkFixtureServer _web = null!;
    private LoopbackCatalog _catalog = null!;
    private HttpClient _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await LinkFixtureServer.StartAsync();
        _catalog = new LoopbackCatalog(_web, new Dictionary<string, string?>
        {
            ["Catalog:AdminPassword"] = AdminFactory.Password,
            ["Catalog:SignInAttemptsPerMinute"] = "1000",
            ["Catalog:SignInAttemptsPerMinuteAllClients"] = "1000",
        });
        await _catalog.ImportAsync(new SeedFile("links.md", Encoding.UTF8.GetBytes(Seed())));
        _browser = _catalog.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal("/admin", (await _browser.SignInAsync(AdminFactory.Password)).Headers.Location?.OriginalString);
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Seed() => $"""
        # Links

        ## Papers

        - [Sturdy]({_web.Url("/ok")})
        - [Missing]({_web.Url("/missing")})

        ## Courses

        - [Moved]({_web.Url("/chain/a")})
        - [Gone]({_web.Url("/gone")})
        """;

    [Fact]
    public async Task StartingARunFromThePageChecksTheCatalogAndShowsItsCounts()
    {
        var page = await _browser.GetPageAsync("/admin/links");
        Assert.Equal("No check has run yet.", page.QuerySelector("#last")?.TextContent);

        var started = await _browser.SubmitAsync(page.Form("form#start"), "/admin/links");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        await _catalog.Services.GetRequiredService<LinkCheckRunner>().Background;
        var after = await _browser.GetPageAsync("/admin/links");

        Assert.StartsWith("Last run finished", after.QuerySelector("#last")?.TextContent.Squash());
        Assert.Contains("checked 4: ok 1, redirected 1, broken 2", after.QuerySelector("#last")!.TextContent.Squash());
        // Each link once for its health and once for what it is (the run fetches link metadata too).
        Assert.Equal(8, _web.Requests - _web.RequestsTo("127.0.0.1/chain/b") - _web.RequestsTo("127.0.0.1/chain/c"));
        Assert.StartsWith("What the links are: metadata for 4 links", after.QuerySelector("#last-metadata")?.TextContent.Squash());
    }

    [Fact]
    public async Task WhileAnotherRunHoldsTheLeaseThePageShowsItsProgressAndRefusesASecond()
    {
        var form = (await _browser.GetPageAsync("/admin/links")).Form("form#start");
        await using (var db = _catalog.OpenDatabase())
        {
            Assert.True(await db.TryAcquireAsync("cli 1 on elsewhere", DateTimeOffset.UtcNow, Ct));
            await db.RenewAsync("cli 1 on elsewhere", 1, 4, DateTimeOffset.UtcNow, Ct);
        }

        var refused = await _browser.SubmitAsync(form, "/admin/links");
        var page = await refused.ReadPageAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.NotNull(page.QuerySelector("#links-error"));
        Assert.Equal(("1", "4"), (page.QuerySelector("#done")?.TextContent, page.QuerySelector("#total")?.TextContent));
        Assert.NotNull(page.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Null(page.QuerySelector("form#start"));
        Assert.Equal(0, _web.Requests);
    }

    [Fact]
    public async Task DeadAndMovedLinksAreListedByTopicWithTheirSeedFileAndLine()
    {
        await _catalog.CheckAsync();
        await _catalog.CheckAsync();

        var page = await _browser.GetPageAsync("/admin/links");

        var topics = page.QuerySelectorAll(".topic-report").ToDictionary(s => s.GetAttribute("data-topic")!);
        Assert.Equal(["papers", "courses"], topics.Keys);
        var papers = topics["papers"].QuerySelectorAll("tbody tr").Select(Cells).ToList();
        var missing = Assert.Single(papers);
        Assert.StartsWith("Missing", missing[0]);
        Assert.StartsWith("dead since", missing[1]);
        Assert.Equal("links.md:6", missing[2]);
        Assert.Equal($"https://web.archive.org/web/20200101123000/{_web.Url("/missing")}", missing[3]);
        var courses = topics["courses"].QuerySelectorAll("tbody tr").Select(Cells).ToList();
        Assert.Equal(["moved", "links.md:10", _web.Url("/chain/c").ToString()], courses[0].Skip(1));
        Assert.Equal(["links.md:11", ""], courses[1].Skip(2)); // dead, and the archive holds only an error page
    }

    [Fact]
    public async Task TheSuggestedSeedIsShownAsADiffDownloadsAndAppliesThroughTheImportsDryRun()
    {
        await _catalog.CheckAsync();
        await _catalog.CheckAsync();
        var archived = $"https://web.archive.org/web/20200101123000/{_web.Url("/missing")}";
        var expected = Seed().Replace($"({_web.Url("/missing")})", $"({archived})", StringComparison.Ordinal)
            .Replace($"({_web.Url("/chain/a")})", $"({_web.Url("/chain/c")})", StringComparison.Ordinal);

        var page = await _browser.GetPageAsync("/admin/links");
        var diff = page.QuerySelector(".suggestion[data-source='links.md'] pre.seed-diff")!;
        Assert.Equal(["@ line 6", "@ line 10"], diff.QuerySelectorAll(".line").Select(l => l.TextContent));
        Assert.Equal($"+ - [Missing]({archived})", diff.QuerySelectorAll("ins")[0].TextContent);

        var download = await _browser.GetAsync(page.QuerySelector("a.download")!.GetAttribute("href"), Ct);
        Assert.Equal("text/markdown", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await download.Content.ReadAsStringAsync(Ct));

        var preview = await (await _browser.SubmitAsync(page.Form("form.preview"), "/admin/links")).ReadPageAsync();
        Assert.Equal(2, preview.QuerySelectorAll("#preview [data-kind=LinkAdded] li").Length);
        var applied = await _browser.SubmitAsync(preview.Form("form#apply"), "/admin/links");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.StartsWith("/admin/history/", applied.Headers.Location?.OriginalString);
        await using var db = _catalog.OpenDatabase();
        Assert.Contains(archived, await db.Links.Select(l => l.Url).ToListAsync(Ct));
        Assert.DoesNotContain(_web.Url("/chain/a").ToString(), await db.Links.Select(l => l.Url).ToListAsync(Ct));
    }

    private static List<string> Cells(AngleSharp.Dom.IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Squash()).ToList();
}
