using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Tests.LinkHealth;

/// <summary>
/// Plays the web on loopback only: Kestrel on 127.0.0.1 (and a second listener on 127.0.0.2 that stands for an address
/// the rule refuses), one route per case a link checker meets, counting every request it receives.
/// </summary>
public sealed class LinkFixtureServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _gated;
    private int _maxGated;
    private int _waybackInFlight;
    private int _waybackMax;

    private LinkFixtureServer(WebApplication app) => _app = app;

    /// <summary>When set, the fake Wayback API answers 429 with Retry-After, as the real one does when pressed.</summary>
    public bool WaybackLimited { get; set; }

    public int WaybackMaxInFlight => _waybackMax;

    /// <summary>A real PNG's first bytes (signature and IHDR), all an image check reads.</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public Uri Base { get; private set; } = null!;
    public Uri Refused { get; private set; } = null!;
    public int MaxInFlight => _maxInFlight;
    public int MaxGated => _maxGated;
    public int Requests => _hits.Values.Sum();
    public int RequestsTo(string path) => _hits.GetValueOrDefault(path);

    public Uri Url(string path) => new(Base, path);

    public static async Task<LinkFixtureServer> StartAsync()
    {
        // No config-file watchers: the test host's inotify instances are shared with every other running test.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Parse("127.0.0.2"), 0);
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LinkFixtureServer(app);
        server.Map(app);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        server.Base = new Uri(addresses.Single(a => a.Contains("127.0.0.1")));
        server.Refused = new Uri(addresses.Single(a => a.Contains("127.0.0.2")));
        return server;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Connection.LocalIpAddress + context.Request.Path, 1, (_, n) => n + 1);
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, now);
            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        app.MapMethods("/", ["GET", "HEAD"], () => "front page");
        app.MapMethods("/ok", ["GET", "HEAD"], () => "fine");
        app.MapMethods("/head-refused", ["HEAD"], () => Results.StatusCode(405));
        app.MapGet("/head-refused", () => "fine by GET");
        app.MapMethods("/chain/a", ["GET", "HEAD"], () => Results.Redirect("/chain/b", permanent: true));
        app.MapMethods("/chain/b", ["GET", "HEAD"], () => Results.Redirect("/chain/c", permanent: true, preserveMethod: true));
        app.MapMethods("/chain/c", ["GET", "HEAD"], () => "arrived");
        app.MapMethods("/temporary", ["GET", "HEAD"], () => Results.Redirect("/ok"));
        app.MapMethods("/deep/page", ["GET", "HEAD"], () => Results.Redirect("/", permanent: true));
        app.MapMethods("/loop/a", ["GET", "HEAD"], () => Results.Redirect("/loop/b"));
        app.MapMethods("/loop/b", ["GET", "HEAD"], () => Results.Redirect("/loop/a"));
        app.MapMethods("/missing", ["GET", "HEAD"], () => Results.NotFound());
        app.MapMethods("/gone", ["GET", "HEAD"], () => Results.StatusCode(410));
        app.MapMethods("/limited", ["GET", "HEAD"], (HttpContext c) => { c.Response.Headers.RetryAfter = "1"; return Results.StatusCode(429); });
        app.MapMethods("/flaky", ["GET", "HEAD"], (HttpContext c) => RequestsTo("127.0.0.1/flaky") <= 1 ? Results.StatusCode(503) : Results.Text("recovered"));
        app.MapMethods("/broken-server", ["GET", "HEAD"], () => Results.StatusCode(500));
        app.MapMethods("/slow", ["GET", "HEAD"], async (HttpContext c) => { await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted); return "late"; });
        app.MapMethods("/endless", ["GET", "HEAD"], async (HttpContext c) =>
        {
            var chunk = new byte[8192];
            while (!c.RequestAborted.IsCancellationRequested)
            {
                await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
            }
        });
        app.MapMethods("/cloudflare", ["GET", "HEAD"], (HttpContext c) => { c.Response.Headers["cf-mitigated"] = "challenge"; return Results.StatusCode(403); });
        app.MapMethods("/aws-waf", ["GET", "HEAD"], (HttpContext c) => { c.Response.Headers["x-amzn-waf-action"] = "challenge"; return Results.StatusCode(202); });
        app.MapMethods("/to-refused", ["GET", "HEAD"], () => Results.Redirect(new Uri(Refused, "/ok").ToString()));
        app.MapGet("/wayback/available", Wayback);
        app.MapMethods("/figure.png", ["GET", "HEAD"], () => Results.Bytes(Png, "image/png"));
        app.MapMethods("/same-figure.png", ["GET", "HEAD"], () => Results.Bytes(Png, "application/octet-stream"));
        app.MapMethods("/page-as.png", ["GET", "HEAD"], () => Results.Bytes("<html><script>alert(1)</script></html>"u8.ToArray(), "image/png"));
        app.MapMethods("/gate/{n}", ["GET", "HEAD"], async (HttpContext c) =>
        {
            // Counted inside the handler, which ends before the answer is sent, so a client that starts its next
            // request the moment it reads this answer is never counted twice. Each request waits for a second one
            // (or a short while), so a limit of two is reached whenever the client allows it.
            InterlockedMax(ref _maxGated, Interlocked.Increment(ref _gated));
            try
            {
                for (var i = 0; i < 15 && Volatile.Read(ref _gated) < 2; i++)
                {
                    await Task.Delay(20, c.RequestAborted);
                }

                return "gated";
            }
            finally
            {
                Interlocked.Decrement(ref _gated);
            }
        });
    }

    // The availability API's documented shape: a copy of "/missing" taken while it answered 200, of "/gone" only an
    // archived error page, of anything else nothing at all.
    private async Task<IResult> Wayback(HttpContext c, string url, string? timestamp)
    {
        InterlockedMax(ref _waybackMax, Interlocked.Increment(ref _waybackInFlight));
        try
        {
            await Task.Delay(20, c.RequestAborted); // long enough that a second question asked alongside would overlap
            if (WaybackLimited)
            {
                c.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
            }

            object snapshots = new Uri(url).AbsolutePath switch
            {
                "/missing" => new { closest = new { status = "200", available = true, url = $"http://web.archive.org/web/20200101123000/{url}", timestamp = "20200101123000" } },
                "/gone" => new { closest = new { status = "404", available = true, url = $"http://web.archive.org/web/20190101000000/{url}", timestamp = "20190101000000" } },
                _ => new { },
            };
            return Results.Json(new { url, timestamp, archived_snapshots = snapshots });
        }
        finally
        {
            Interlocked.Decrement(ref _waybackInFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
