using System.Globalization;
using System.Net;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The server figures on the large catalog: each endpoint's throughput under wrk against the ceiling (Kestrel serving
/// the very bytes the app answered, from memory), /api/search latency at 4 clients against raw FTS5, and the server's
/// resident memory after all of it. Endpoints a build does not have yet (404) are reported, not failed.
/// </summary>
public static class HttpFigures
{
    /// <summary>The app's response cache never answers a request that carries a cookie: this one makes the app do the work.</summary>
    public const string UncachedCookie = "benchmark=uncached";

    private const double TopicTarget = 0.6;
    private const double ApiSearchTarget = 0.3;
    private const double LatencyTargetMs = 10;
    private const long MemoryTargetBytes = 250L * 1024 * 1024;

    private sealed record Endpoint(string Name, IReadOnlyList<string> Paths, double? Target, bool Uncached = false)
    {
        public string? Cookie => Uncached ? UncachedCookie : null;
    }

    private const string ServerLog = "server.log";

    public static async Task<List<Figure>> MeasureAsync(RunContext run, string database)
    {
        try
        {
            return await MeasureServersAsync(run, database);
        }
        finally
        {
            run.KeepServerLogTail(ServerLog);
        }
    }

    private static async Task<List<Figure>> MeasureServersAsync(RunContext run, string database)
    {
        using var app = await Server.StartAppAsync(run.Paths, database, run.ServerLogPath(ServerLog), settings: Server.LexicalOnly);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(1) };
        var figures = new List<Figure>();
        var endpoints = await DiscoverAsync(client, figures);
        var manifest = await CaptureAsync(run, client, endpoints.SelectMany(e => e.Paths));
        using var ceiling = await Server.StartCeilingAsync(run.Paths, manifest, endpoints[0].Paths[0], run.WorkPath("ceiling.log"));

        run.Log("warming up app and ceiling");
        foreach (var endpoint in endpoints)
        {
            await Wrk.RunAsync(app.Address, endpoint.Paths, run.Warmup, run.WorkFolder, endpoint.Cookie);
            await Wrk.RunAsync(ceiling.Address, endpoint.Paths, run.Warmup, run.WorkFolder);
        }

        var results = endpoints.ToDictionary(e => e, _ => (App: new List<WrkResult>(), Ceiling: new List<WrkResult>()));
        for (var i = 0; i < run.LoadRepeats; i++)
        {
            foreach (var endpoint in endpoints)
            {
                // This machine runs slower for a while after heavy load (the ceiling's own CPU per request rose by
                // 40% right after the uncached runs, with nothing changed in it): whichever server runs first after
                // the previous endpoint's runs pays for them, so app and ceiling take turns at going first.
                var (appRuns, ceilingRuns) = results[endpoint];
                if (i % 2 == 1)
                {
                    ceilingRuns.Add(await Wrk.RunAsync(ceiling, endpoint.Paths, run.Throughput, run.WorkFolder));
                }

                appRuns.Add(await Wrk.RunAsync(app, endpoint.Paths, run.Throughput, run.WorkFolder, endpoint.Cookie));
                if (i % 2 == 0)
                {
                    ceilingRuns.Add(await Wrk.RunAsync(ceiling, endpoint.Paths, run.Throughput, run.WorkFolder));
                }
                run.Log($"{endpoint.Name}: app {Format.Rate(appRuns[^1].RequestsPerSecond)}, ceiling {Format.Rate(ceilingRuns[^1].RequestsPerSecond)}");
            }
        }

        figures.InsertRange(0, endpoints.Select(e => ThroughputFigure(e, results[e].App, results[e].Ceiling)));
        figures.Add(await LatencyFigureAsync(run, app, endpoints.FirstOrDefault(e => e.Uncached && e.Paths[0].StartsWith("/api/search", StringComparison.Ordinal)), database));
        var resident = app.Process.ResidentBytes();
        figures.Add(new Figure("resident memory of the server after the load runs (VmRSS)", Format.Megabytes(resident), "", "",
            $"<= {Format.Megabytes(MemoryTargetBytes)}", resident <= MemoryTargetBytes));
        figures.Add(await LongTailFigures.MeasureAsync(run, app, LongTailFigures.DefaultQueries));
        return figures;
    }

    private static async Task<List<Endpoint>> DiscoverAsync(HttpClient client, List<Figure> unavailable)
    {
        var biggest = await BiggestTopic.ReadAsync(client);
        var slug = Uri.EscapeDataString(biggest.Slug);
        var topicPage = await StatusAsync(client, $"/topics/{slug}") == HttpStatusCode.OK ? $"/topics/{slug}" : $"/api/topics/{slug}";
        var name = $"topic page `{topicPage}` ({biggest.Links} links)";
        var endpoints = new List<Endpoint>
        {
            new(name, [topicPage], TopicTarget),
            new($"{name}, uncached", [topicPage], null, Uncached: true),
            new("home page `/`", ["/"], null),
        };

        foreach (var (label, prefix, target) in new[] { ("search page `/search`", "/search", (double?)null), ("`/api/search`", "/api/search", ApiSearchTarget) })
        {
            var paths = SearchQueries.Paths(prefix);
            var status = await StatusAsync(client, paths[0]);
            var searchName = $"{label} ({SearchQueries.All.Count} queries rotated)";
            if (status == HttpStatusCode.OK)
            {
                endpoints.Add(new Endpoint(searchName, paths, target));
                endpoints.Add(new Endpoint($"{searchName}, uncached", paths, null, Uncached: true));
            }
            else
            {
                var why = status == HttpStatusCode.NotFound ? "not available in this build (404)" : $"answers {(int)status} to `{paths[0]}`: not measured";
                unavailable.Add(Figure.NotAvailable($"{label} throughput / ceiling", why, target: target is null ? "" : $">= {target}"));
            }
        }

        return endpoints;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>Saves every response body the ceiling will serve, with its content type; returns the manifest's path.</summary>
    public static async Task<string> CaptureAsync(RunContext run, HttpClient client, IEnumerable<string> paths, string folderName = "captured")
    {
        var folder = run.WorkPath(folderName);
        Directory.CreateDirectory(folder);
        var lines = new List<string>();
        foreach (var path in paths.Distinct())
        {
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            var file = $"body-{lines.Count}.bin";
            await File.WriteAllBytesAsync(Path.Combine(folder, file), await response.Content.ReadAsByteArrayAsync());
            lines.Add($"{Uri.UnescapeDataString(path)}\t{response.Content.Headers.ContentType}\t{file}");
        }

        var manifest = Path.Combine(folder, "manifest.tsv");
        await File.WriteAllLinesAsync(manifest, lines);
        return manifest;
    }

    private static Figure ThroughputFigure(Endpoint endpoint, List<WrkResult> app, List<WrkResult> ceiling)
    {
        var appRate = Stats.Median(app.Select(r => r.RequestsPerSecond));
        var ceilingRate = Stats.Median(ceiling.Select(r => r.RequestsPerSecond));
        var ratio = appRate / ceilingRate;
        var failures = app.Sum(r => r.Failures) + ceiling.Sum(r => r.Failures);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{Format.Rate(appRate)} (p50 {Format.Ms(Stats.Median(app.Select(r => r.P50Ms)))}, {Cpu(app)}, {app[0].BytesPerRequest / 1024:F1} KB){(failures > 0 ? $"; {failures} failed requests" : "")}");
        // The same comparison in CPU per request: what other load on the machine does to one side's runs cannot move it.
        var cpuRatio = Stats.Median(ceiling.Select(r => r.CpuMsPerRequest)) / Stats.Median(app.Select(r => r.CpuMsPerRequest));
        return new Figure($"{endpoint.Name} throughput / ceiling", detail, $"{Format.Rate(ceilingRate)} ({Cpu(ceiling)})",
            string.Create(CultureInfo.InvariantCulture, $"{ratio:F2} (CPU {cpuRatio:F2})"),
            endpoint.Target is { } t ? $">= {t}" : "", endpoint.Target is { } target ? ratio >= target && failures == 0 : null);
    }

    private static string Cpu(List<WrkResult> runs) =>
        string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(runs.Select(r => r.CpuMsPerRequest)):F3} ms CPU/req");

    /// <summary>Uncached: every request runs the search, as a new query would; the raw FTS5 time is its floor.</summary>
    private static async Task<Figure> LatencyFigureAsync(RunContext run, Server app, Endpoint? apiSearch, string database)
    {
        var raw = RawFts.Measure(database, SearchQueries.All, run.Quick ? 10 : 25);
        var rawText = $"raw FTS5, 1 client: p50 {Format.Ms(raw.P50Ms)}, p99 {Format.Ms(raw.P99Ms)} (slowest: {raw.Slowest})";
        const string name = "`/api/search` latency at 4 clients, uncached, p50 / p99";
        if (apiSearch is null)
        {
            return Figure.NotAvailable(name, "not available in this build", rawText, $"p99 <= {LatencyTargetMs} ms");
        }

        var runs = new List<WrkResult>();
        for (var i = 0; i < run.LoadRepeats; i++)
        {
            runs.Add(await Wrk.RunAsync(app, apiSearch.Paths, run.Latency, run.WorkFolder, apiSearch.Cookie));
        }

        var p50 = Stats.Median(runs.Select(r => r.P50Ms));
        var p99 = Stats.Median(runs.Select(r => r.P99Ms));
        run.Log($"/api/search at 4 clients: p50 {Format.Ms(p50)}, p99 {Format.Ms(p99)}; {rawText}");
        return new Figure(name, $"{Format.Ms(p50)} / {Format.Ms(p99)}", rawText, "", $"p99 <= {LatencyTargetMs} ms", p99 <= LatencyTargetMs);
    }
}
