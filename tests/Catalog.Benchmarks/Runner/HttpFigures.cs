using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The server figures on the large catalog: each endpoint's throughput under wrk against the ceiling (Kestrel serving
/// the very bytes the app answered, from memory), /api/search latency at 4 clients against raw FTS5, and the server's
/// resident memory after all of it. Endpoints a build does not have yet (404) are reported, not failed.
/// </summary>
public static class HttpFigures
{
    private const double TopicTarget = 0.6;
    private const double ApiSearchTarget = 0.3;
    private const double LatencyTargetMs = 10;
    private const long MemoryTargetBytes = 250L * 1024 * 1024;

    private sealed record Endpoint(string Name, IReadOnlyList<string> Paths, double? Target);

    public static async Task<List<Figure>> MeasureAsync(RunContext run, string database)
    {
        using var app = await Server.StartAppAsync(run.Paths, database, run.WorkPath("server.log"));
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(1) };
        var figures = new List<Figure>();
        var endpoints = await DiscoverAsync(client, figures);
        var manifest = await CaptureAsync(run, client, endpoints);
        using var ceiling = await Server.StartCeilingAsync(run.Paths, manifest, endpoints[0].Paths[0], run.WorkPath("ceiling.log"));

        run.Log("warming up app and ceiling");
        foreach (var endpoint in endpoints)
        {
            await Wrk.RunAsync(app, endpoint.Paths, run.Warmup, run.WorkFolder);
            await Wrk.RunAsync(ceiling, endpoint.Paths, run.Warmup, run.WorkFolder);
        }

        var results = endpoints.ToDictionary(e => e, _ => (App: new List<WrkResult>(), Ceiling: new List<WrkResult>()));
        for (var i = 0; i < run.LoadRepeats; i++)
        {
            foreach (var endpoint in endpoints)
            {
                results[endpoint].App.Add(await Wrk.RunAsync(app, endpoint.Paths, run.Throughput, run.WorkFolder));
                results[endpoint].Ceiling.Add(await Wrk.RunAsync(ceiling, endpoint.Paths, run.Throughput, run.WorkFolder));
                run.Log($"{endpoint.Name}: app {Format.Rate(results[endpoint].App[^1].RequestsPerSecond)}, ceiling {Format.Rate(results[endpoint].Ceiling[^1].RequestsPerSecond)}");
            }
        }

        figures.InsertRange(0, endpoints.Select(e => ThroughputFigure(e, results[e].App, results[e].Ceiling)));
        figures.Add(await LatencyFigureAsync(run, app, endpoints.FirstOrDefault(e => e.Paths[0].StartsWith("/api/search", StringComparison.Ordinal)), database));
        var resident = app.Process.ResidentBytes();
        figures.Add(new Figure("resident memory of the server after the load runs (VmRSS)", Format.Megabytes(resident), "", "",
            $"<= {Format.Megabytes(MemoryTargetBytes)}", resident <= MemoryTargetBytes));
        return figures;
    }

    private static async Task<List<Endpoint>> DiscoverAsync(HttpClient client, List<Figure> notAvailable)
    {
        var topics = JsonDocument.Parse(await client.GetStringAsync("/api/topics")).RootElement.EnumerateArray()
            .Select(t => (Slug: t.GetProperty("slug").GetString()!, Links: t.GetProperty("links").GetInt32())).ToList();
        var biggest = topics.OrderByDescending(t => t.Links).First();
        var slug = Uri.EscapeDataString(biggest.Slug);
        var topicPage = await AnswersAsync(client, $"/topics/{slug}") ? $"/topics/{slug}" : $"/api/topics/{slug}";
        var endpoints = new List<Endpoint>
        {
            new($"topic page `{topicPage}` ({biggest.Links} links)", [topicPage], TopicTarget),
            new("home page `/`", ["/"], null),
        };

        foreach (var (name, prefix, target) in new[] { ("search page `/search`", "/search", (double?)null), ("`/api/search`", "/api/search", ApiSearchTarget) })
        {
            if (await AnswersAsync(client, SearchQueries.Paths(prefix)[0]))
            {
                endpoints.Add(new Endpoint($"{name} ({SearchQueries.All.Count} queries rotated)", SearchQueries.Paths(prefix), target));
            }
            else
            {
                notAvailable.Add(Figure.NotAvailable($"{name} throughput / ceiling", "not available in this build (404)",
                    target: target is null ? "" : $">= {target}"));
            }
        }

        return endpoints;
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary>Saves every response body the ceiling will serve, with its content type; returns the manifest's path.</summary>
    private static async Task<string> CaptureAsync(RunContext run, HttpClient client, List<Endpoint> endpoints)
    {
        var folder = run.WorkPath("captured");
        Directory.CreateDirectory(folder);
        var lines = new List<string>();
        foreach (var path in endpoints.SelectMany(e => e.Paths))
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
        return new Figure($"{endpoint.Name} throughput / ceiling", detail, $"{Format.Rate(ceilingRate)} ({Cpu(ceiling)})", ratio.ToString("F2", CultureInfo.InvariantCulture),
            endpoint.Target is { } t ? $">= {t}" : "", endpoint.Target is { } target ? ratio >= target && failures == 0 : null);
    }

    private static string Cpu(List<WrkResult> runs) =>
        string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(runs.Select(r => r.CpuMsPerRequest)):F3} ms CPU/req");

    private static async Task<Figure> LatencyFigureAsync(RunContext run, Server app, Endpoint? apiSearch, string database)
    {
        var raw = RawFts.Measure(database, SearchQueries.All, run.Quick ? 10 : 25);
        var rawText = $"raw FTS5, 1 client: p50 {Format.Ms(raw.P50Ms)}, p99 {Format.Ms(raw.P99Ms)}";
        const string name = "`/api/search` latency at 4 clients, p50 / p99";
        if (apiSearch is null)
        {
            return Figure.NotAvailable(name, "not available in this build (404)", rawText, $"p99 <= {LatencyTargetMs} ms");
        }

        var runs = new List<WrkResult>();
        for (var i = 0; i < run.LoadRepeats; i++)
        {
            runs.Add(await Wrk.RunAsync(app, apiSearch.Paths, run.Latency, run.WorkFolder));
        }

        var p50 = Stats.Median(runs.Select(r => r.P50Ms));
        var p99 = Stats.Median(runs.Select(r => r.P99Ms));
        run.Log($"/api/search at 4 clients: p50 {Format.Ms(p50)}, p99 {Format.Ms(p99)}; {rawText}");
        return new Figure(name, $"{Format.Ms(p50)} / {Format.Ms(p99)}", rawText, "", $"p99 <= {LatencyTargetMs} ms", p99 <= LatencyTargetMs);
    }
}
