using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Catalog.Benchmarks.Runner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>link-check [--scale N] [--seconds N] [--concurrency N] [--semantic]</c>: the synthetic catalog with every host rewritten to an address of its own
/// in 127.0.0.0/8 (nothing leaves the machine), a loopback web that answers every request after 50 ms, then
/// <c>links check</c> as the CLI runs it while the server answers pages: the check's wall time against the ideal
/// schedule (the check alone, apart from the figures and metadata refresh that follow it under the same lease), and
/// the pages' p99 during the check against idle.
/// </summary>
public static partial class LinkCheckVerb
{
    private static readonly TimeSpan s_answerAfter = TimeSpan.FromMilliseconds(50);
    private const int PerHost = 2;

    public static async Task<int> RunAsync(Options options)
    {
        var paths = RepoPaths.Find();
        var run = new RunContext(paths, quick: true, options.Number("--scale", 200));
        var idleSeconds = options.Number("--seconds", 10);
        // The default global limit (8) binds long before the per-host one; a larger one measures the per-host schedule.
        var concurrency = options.Number("--concurrency", 8);
        Directory.CreateDirectory(run.WorkFolder);
        run.Log("building src/Catalog.Web in Release");
        await MachineFacts.OutputOfAsync(paths.Root, "dotnet", "build", paths.WebProject, "-c", "Release", "-v", "q", "-nologo");

        var corpus = Path.Combine(paths.Artifacts, $"catalog-{run.Scale}x.md");
        GenerateVerb.Write(paths.Seed, run.Scale, Generation.SeedGenerator.DefaultSeed, corpus);
        await using var web = await LoopbackWeb.StartAsync(CollectHosts(await File.ReadAllTextAsync(corpus)));
        var loopbackCorpus = Path.Combine(paths.Artifacts, $"catalog-{run.Scale}x-loopback.md");
        await File.WriteAllTextAsync(loopbackCorpus, web.Rewrite(await File.ReadAllTextAsync(corpus)));

        var database = run.WorkPath($"link-check-{run.Scale}x.db");
        BenchDatabase.DeleteSqlite(database);

        run.Log($"importing {loopbackCorpus}");
        using (var import = ChildProcess.Start(paths.AppFolder, run.WorkPath("link-check-import.log"), ImportFigures.ImportEnvironment(database), ["dotnet", paths.AppDll, "import", loopbackCorpus]))
        {
            if (await import.WaitForExitAsync(TimeSpan.FromMinutes(10)) != 0)
            {
                Console.Error.WriteLine($"The import failed; see {run.WorkPath("link-check-import.log")}");
                return 1;
            }
        }

        var (links, hosts, outside) = Census(database);
        if (outside > 0)
        {
            // The network rule: a URL the rewrite missed would be fetched from the internet. Stop before any check.
            Console.Error.WriteLine($"{outside} links are not on 127.0.0.0/8; no check was run.");
            return 1;
        }

        // Every outbound endpoint on the loopback web too: `links check` goes on to refresh link metadata, which asks
        // arXiv, Crossref, GitHub and YouTube about the links (a DOI in a rewritten URL's path still names Crossref).
        var settings = new Dictionary<string, string>
        {
            ["Catalog__Links__AllowPrivateAddresses"] = "true",
            ["Catalog__Links__WaybackApi"] = web.WaybackApi,
            // The check fetches link metadata too: a DOI left in a rewritten publisher path would ask Crossref.
            ["Catalog__Links__ArxivApi"] = web.Api("arxiv"),
            ["Catalog__Links__CrossrefApi"] = web.Api("crossref"),
            ["Catalog__Links__GitHubApi"] = web.Api("github"),
            ["Catalog__Links__YouTubeOEmbed"] = web.Api("oembed"),
            ["Catalog__Links__Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["Catalog__Links__PerHostConcurrency"] = PerHost.ToString(CultureInfo.InvariantCulture),
        };
        // The server of a freshly imported 200x catalog would spend the whole run embedding it in the background (the
        // semantic-memory verb measures that), loading the core that pages and the check share: off unless --semantic.
        var semantic = options.Flag("--semantic");
        var serverSettings = new Dictionary<string, string>(settings) { ["Catalog__Search__Semantic"] = semantic ? "true" : "false" };
        using var app = await Server.StartAppAsync(paths, database, run.WorkPath("link-check-server.log"), settings: serverSettings);
        var pages = await PagePaths(app.Address);
        await Measure(app.Address, pages, TimeSpan.FromSeconds(5), CancellationToken.None); // warm-up
        run.Log($"pages idle for {idleSeconds} s");
        var idle = await Measure(app.Address, pages, TimeSpan.FromSeconds(idleSeconds), CancellationToken.None);

        run.Log($"links check over {links} links on {hosts} hosts");
        var environment = ImportFigures.ImportEnvironment(database);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        using var check = ChildProcess.Start(paths.AppFolder, run.WorkPath("link-check-cli.log"), environment, ["dotnet", paths.AppDll, "links", "check", "--json"]);
        // Pages are measured apart during the check and during what follows it under the lease.
        using var stop = new CancellationTokenSource();
        using var stopAfter = new CancellationTokenSource();
        var during = Measure(app.Address, pages, TimeSpan.FromHours(1), stop.Token);
        Task<List<double>> after = Task.FromResult(new List<double>());
        var cliLog = run.WorkPath("link-check-cli.log");
        var phases = new Phases(() =>
        {
            stop.Cancel();
            after = Measure(app.Address, pages, TimeSpan.FromHours(1), stopAfter.Token);
        });
        var exit = await CheckedAsync(check, cliLog, phases, TimeSpan.FromHours(2));
        await stop.CancelAsync();
        var busy = await during;
        await stopAfter.CancelAsync();
        var busyAfter = await after;
        var wall = check.Elapsed;
        check.Dispose();

        // Idle is measured before and after the check and pooled, so a machine busier in one phase skews it less.
        run.Log($"pages idle again for {idleSeconds} s");
        idle.AddRange(await Measure(app.Address, pages, TimeSpan.FromSeconds(idleSeconds), CancellationToken.None));
        var (started, finished) = RunTimes(database);
        var leaseWall = finished - started;
        // The check's own time ends when the checker logs its counts, before the figures and the metadata refresh
        // that share its lease (issue 17): the ideal schedule is the check's alone.
        var checkWall = (phases.Checked ?? finished) - started;
        var afterCheck = finished - (phases.Checked ?? finished);
        var counts = Summary(cliLog) ?? "(no summary)";

        var ideal = TimeSpan.FromMilliseconds(links / (double)Math.Min(concurrency, hosts * PerHost) * s_answerAfter.TotalMilliseconds);
        var idleP99 = Stats.Percentile(idle, 99);
        var busyP99 = Stats.Percentile(busy, 99);
        var figures = new List<Figure>
        {
            new($"links check, {links:N0} links on {hosts:N0} hosts ({run.Scale}x), web answering in 50 ms: the check alone (lease taken to the checker's counts logged)",
                phases.Checked is null ? "not logged" : $"{checkWall.TotalSeconds:F1} s", $"ideal {ideal.TotalSeconds:F1} s", $"{checkWall / ideal:F2}x", "", null),
            new("links check: after the check, under the same lease (figures kept, then the metadata refresh)",
                $"{afterCheck.TotalSeconds:F1} s", phases.Kept is { } kept && phases.Checked is { } done ? $"figures {(kept - done).TotalSeconds:F1} s" : "", "", "", null),
            new("links check: run (lease to lease: check, figures, metadata refresh)", $"{leaseWall.TotalSeconds:F1} s", "", "", "", null),
            new("links check: CLI process start to its counts (start-up, whole run)", $"{wall.TotalSeconds:F1} s (exit {exit})", "", "", "", null),
            new("links check: most requests in flight at one host", $"{web.MaxInFlightAtOneHost}", $"limit {PerHost}", "", $"<= {PerHost}", web.MaxInFlightAtOneHost <= PerHost),
            new($"page p99 while the check runs ({busy.Count:N0} requests) vs idle ({idle.Count:N0})",
                $"{busyP99:F1} ms", $"{idleP99:F1} ms", $"{busyP99 / idleP99:F2}x", "<= 2x", busyP99 <= 2 * idleP99),
            new($"page p99 after the check, figures and metadata refresh ({busyAfter.Count:N0} requests) vs idle",
                busyAfter.Count == 0 ? "-" : $"{Stats.Percentile(busyAfter, 99):F1} ms", $"{idleP99:F1} ms",
                busyAfter.Count == 0 ? "" : $"{Stats.Percentile(busyAfter, 99) / idleP99:F2}x", "", null),
        };
        Console.WriteLine(ResultsReport.ToMarkdown($"dotnet run -c Release --project tests/Catalog.Benchmarks -- link-check --scale {run.Scale}{(concurrency == 8 ? "" : $" --concurrency {concurrency}")}{(semantic ? " --semantic" : "")}",
            await MachineFacts.CollectAsync(paths), figures,
            [$"Ideal schedule: links / min(Concurrency {concurrency}, hosts x per-host limit {PerHost}) x 50 ms; the global limit binds whenever there are more than {concurrency / PerHost} hosts.",
             $"Pages: 4 clients in a loop over topic pages and distinct searches (searches miss the output cache); the server's semantic ranking {(semantic ? "on: it embeds the fresh catalog in the background during the run" : "off (`--semantic` turns it on)")}.",
             "The check alone ends when `LinkChecker` logs \"Link check of N links\" (its rows are saved by then); the figures and the metadata refresh (issue 17) follow under the same lease and are reported apart. arXiv, Crossref, GitHub and YouTube are pointed at the loopback web, which does not answer in their formats, so the refresh records failures.",
             $"The run's counts (`--json`): `{counts}`."]));
        return exit == 0 ? 0 : 1;
    }

    /// <summary>
    /// Waits until the check has printed its counts (0), or the process ended without them (its exit code, 1 if 0).
    /// The log is followed as it grows (it holds a line per request), not read again from the start.
    /// </summary>
    private static async Task<int> CheckedAsync(ChildProcess check, string log, Phases phases, TimeSpan timeout)
    {
        // The child's shell creates the log when it starts, which can be after this line: open it either way.
        using var stream = new FileStream(log, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var clock = Stopwatch.StartNew();
        var pending = "";
        while (clock.Elapsed < timeout)
        {
            var exited = check.HasExited;
            pending += await reader.ReadToEndAsync();
            var lines = pending.Split('\n');
            pending = lines[^1];
            phases.Saw(lines[..^1]);
            if (lines[..^1].Any(IsSummary))
            {
                return 0;
            }

            if (exited)
            {
                var exit = await check.WaitForExitAsync(TimeSpan.FromSeconds(10));
                return IsSummary(pending) ? 0 : Math.Max(exit, 1);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"links check printed no counts within {timeout}.");
    }

    /// <summary>
    /// When the CLI's log first showed the end of each phase of the run, by this machine's clock (the lease's times
    /// are too): the log is read every 250 ms, which bounds the error.
    /// </summary>
    private sealed class Phases(Action checkedNow)
    {
        public DateTimeOffset? Checked { get; private set; }

        public DateTimeOffset? Kept { get; private set; }

        public void Saw(IEnumerable<string> lines)
        {
            foreach (var line in lines)
            {
                if (Checked is null && line.Contains("Link check of ", StringComparison.Ordinal))
                {
                    Checked = DateTimeOffset.UtcNow;
                    checkedNow();
                }
                else if (Kept is null && Checked is not null && line.Contains("new figures", StringComparison.Ordinal))
                {
                    Kept = DateTimeOffset.UtcNow;
                }
            }
        }
    }

    private static bool IsSummary(string line) => line.StartsWith("{\"checked\"", StringComparison.Ordinal);

    private static string? Summary(string log) => File.ReadLines(log).LastOrDefault(IsSummary);

    // Hosts as the seed writes them: every http(s) URL's authority.
    private static List<string> CollectHosts(string markdown) =>
        [.. Authority().Matches(markdown).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"(?i)\bhttps?://([^\s/)>\]""'|<?#]+)")]
    private static partial Regex Authority();

    private static (int Links, int Hosts, int Outside) Census(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        var hosts = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Url FROM Links";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                hosts.Add(Uri.TryCreate(reader.GetString(0), UriKind.Absolute, out var url) ? url.Host : "?");
            }
        }

        // Figures are fetched by a full run too: they must be on loopback as well.
        var figures = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Src FROM Images WHERE Src LIKE 'http%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                figures.Add(Uri.TryCreate(reader.GetString(0), UriKind.Absolute, out var url) ? url.Host : "?");
            }
        }

        var outside = hosts.Concat(figures).Count(h => !IPAddress.TryParse(h, out var a) || !IPAddress.IsLoopback(a));
        return (hosts.Count, hosts.Distinct().Count(), outside);
    }

    private static (DateTimeOffset Started, DateTimeOffset Finished) RunTimes(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT StartedAt, LastFinishedAt FROM LinkCheckState WHERE Id = 1";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
    }

    private static async Task<List<string>> PagePaths(Uri app)
    {
        using var client = new HttpClient { BaseAddress = app };
        using var topics = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/topics"));
        var slugs = topics.RootElement.EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).Take(200).ToList();
        string[] words = ["learning", "neural", "theory", "optimal", "kernel", "physics", "random", "geometry", "information", "transport"];
        return [.. slugs.Select(s => $"/topics/{s}"), .. words.SelectMany(w => Enumerable.Range(0, 20).Select(i => $"/search?q={w}&page={i % 3 + 1}&v={i}"))];
    }

    /// <summary>Four clients, one request each at a time, for a duration or until stopped: every latency in ms.</summary>
    private static async Task<List<double>> Measure(Uri app, List<string> paths, TimeSpan duration, CancellationToken stop)
    {
        var latencies = new ConcurrentBag<double>();
        var until = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = app };
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            for (var i = worker; until.Elapsed < duration && !stop.IsCancellationRequested; i += 4)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(paths[i % paths.Count], CancellationToken.None);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }));
        return [.. latencies];
    }

    /// <summary>The web on loopback: every seed host gets an address of its own in 127.0.0.0/8, all on one port.</summary>
    private sealed class LoopbackWeb : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Dictionary<string, string> _addresses;
        private readonly ConcurrentDictionary<string, int> _inFlight = new();
        private int _max;

        private LoopbackWeb(WebApplication app, Dictionary<string, string> addresses, int port)
        {
            _app = app;
            _addresses = addresses;
            Port = port;
        }

        public int Port { get; }

        public int MaxInFlightAtOneHost => _max;

        public string WaybackApi => $"http://127.0.0.1:{Port}/wayback/available";

        /// <summary>An API's base address on the loopback web, which answers it like any page.</summary>
        public string Api(string name) => $"http://127.0.0.1:{Port}/{name}";

        public static async Task<LoopbackWeb> StartAsync(List<string> hosts)
        {
            var addresses = hosts.Select((h, i) => (h, $"127.{1 + i / 62500}.{i / 250 % 250}.{1 + i % 250}")).ToDictionary(p => p.h, p => p.Item2);
            var port = FreePort();
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, port);
                foreach (var address in addresses.Values)
                {
                    k.Listen(IPAddress.Parse(address), port);
                }
            });
            var app = builder.Build();
            var web = new LoopbackWeb(app, addresses, port);
            // Terminal middleware rather than a fallback route: a route's "nonfile" rule would answer paths such as
            // /paper.pdf with an instant 404, and the run would look faster than the web it checks.
            app.Run(async c =>
            {
                if (c.Request.Path == "/wayback/available")
                {
                    await c.Response.WriteAsJsonAsync(new { archived_snapshots = new { } });
                    return;
                }

                var host = c.Connection.LocalIpAddress!.ToString();
                var now = web._inFlight.AddOrUpdate(host, 1, (_, n) => n + 1);
                int seen;
                while ((seen = Volatile.Read(ref web._max)) < now && Interlocked.CompareExchange(ref web._max, now, seen) != seen)
                {
                }

                try
                {
                    await Task.Delay(s_answerAfter, c.RequestAborted);
                    await c.Response.WriteAsync("page");
                }
                finally
                {
                    web._inFlight.AddOrUpdate(host, 0, (_, n) => n - 1);
                }
            });
            await app.StartAsync();
            return web;
        }

        /// <summary>Every http(s) URL's scheme and authority replaced by its host's loopback address.</summary>
        public string Rewrite(string markdown) => Authority().Replace(markdown, m =>
            $"http://{_addresses[m.Groups[1].Value.ToLowerInvariant()]}:{Port}");

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
