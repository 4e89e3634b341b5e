using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>
/// The web as the link checker sees it in a browser test, on 127.0.0.1 only: pages that answer, a missing one with an
/// archived copy, a gone one without, pages moved for good, and the Wayback Machine's availability API.
/// </summary>
public sealed class LinkFixtureWeb : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LinkFixtureWeb(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string WaybackApi => BaseUrl + "/wayback/available";

    public static async Task<LinkFixtureWeb> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapMethods("/pages/{**path}", ["GET", "HEAD"], () => Results.Text("<!doctype html><title>Page</title>", "text/html"));
        app.MapMethods("/missing/{**path}", ["GET", "HEAD"], () => Results.NotFound());
        app.MapMethods("/gone/{**path}", ["GET", "HEAD"], () => Results.StatusCode(StatusCodes.Status410Gone));
        app.MapMethods("/old/{**path}", ["GET", "HEAD"], (string path) => Results.Redirect("/pages/moved/" + path, permanent: true));
        app.MapGet("/wayback/available", (string url, string? timestamp) => Results.Json(new
        {
            url,
            timestamp,
            // The documented shape: a copy of the missing pages taken while they answered 200, none of the gone ones.
            archived_snapshots = new Uri(url).AbsolutePath.StartsWith("/missing/", StringComparison.Ordinal)
                ? new { closest = new { status = "200", available = true, url = $"http://web.archive.org/web/20210315094500/{url}", timestamp = "20210315094500" } }
                : (object)new { },
        }));
        await app.StartAsync();
        return new LinkFixtureWeb(app, app.Urls.Single().TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
