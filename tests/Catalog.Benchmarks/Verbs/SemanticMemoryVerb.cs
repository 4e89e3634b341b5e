using System.Diagnostics;
using System.Globalization;
using Catalog.Benchmarks.Runner;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>semantic-memory [--scale N]</c>: the server's resident memory with semantic ranking on and off (issue 18: at most
/// 350 MB with every link embedded, 250 MB lexical only). Imports the catalog with the CLI, starts the server with
/// semantic ranking on and waits until its background indexer has embedded every document, asks the fixed searches,
/// reads VmRSS; then the same after a restart (vectors read back from the database), and with semantic ranking off.
/// With wrk installed it also measures issue 18's latencies at 4 clients: the uncached topic page while the first start
/// embeds against the same page on the restarted, idle server (within 2x), and the search API with every query
/// distinct, semantic on (p99 at most 15 ms, the query's embedding included) and off (at most 5 ms), and the lexical
/// server's throughput on distinct queries against Kestrel serving its captured answers, their runs taking turns (at least 0.15x).
/// </summary>
public static class SemanticMemoryVerb
{
    private const string Embedded = "Embedded catalog version";

    private const int LatencyRuns = 3;

    // Runs of a search's shape asked and not counted before the measured ones: the fused server still compiles its hot
    // code to its final tier through its first several seconds of distinct queries, and with one such run the first
    // measured run fell in that tail (README, "a longer warm-up": the JIT's time per second from the runtime's counters).
    private const int UncountedRuns = 2;

    private const double SemanticP99TargetMs = 15;

    private const double LexicalP99TargetMs = 5;

    private const double LexicalCeilingTarget = 0.15;

    // How many of the lexical server's answers the ceiling serves (captured one by one after its runs).
    private const int CeilingAnswers = 1_000;

    public static async Task<int> RunAsync(Options options)
    {
        var (run, database) = await SyntheticCatalog.PrepareAsync(options, "semantic");
        if (database is null)
        {
            return 1;
        }

        var label = $"{run.Scale}x";
        var latency = Wrk.IsInstalled() ? new Latency(run, DistinctQueries.For(run, 2 * (LatencyRuns + UncountedRuns + 1) + 1)) : null;
        var figures = new List<Figure>();
        figures.Add(await MeasureAsync(run, database, semantic: true, $"{label}, semantic on, first start: every document embedded in the background", "semantic-first.log",
            whileEmbedding: latency is null ? null : latency.WhileEmbeddingAsync));
        figures.Add(await MeasureAsync(run, database, semantic: true, $"{label}, semantic on, restart: vectors read from the database", "semantic-restart.log",
            whenReady: latency is null ? null : latency.RestartedAsync));
        figures.Add(await MeasureAsync(run, database, semantic: false, $"{label}, semantic off (lexical only)", "semantic-off.log",
            whenReady: latency is null ? null : latency.LexicalAsync));
        figures.AddRange(latency?.Figures(label) ?? [Figure.NotAvailable("latency rows", "wrk is not installed")]);
        Console.WriteLine(ResultsReport.ToMarkdown($"dotnet run -c Release --project tests/Catalog.Benchmarks -- semantic-memory --scale {run.Scale}",
            await MachineFacts.CollectAsync(run.Paths), figures, []));
        return figures.All(f => f.Met != false) ? 0 : 1;
    }

    /// <param name="whileEmbedding">Load run once the server answers, while its indexer is still embedding (the first start).</param>
    /// <param name="whenReady">Load run once every document is embedded (or at once, semantic ranking off), before VmRSS is read.</param>
    private static async Task<Figure> MeasureAsync(
        RunContext run, string database, bool semantic, string name, string logName,
        Func<Server, Func<bool>, Task>? whileEmbedding = null, Func<Server, Task>? whenReady = null)
    {
        var log = run.WorkPath(logName);
        run.Log(name);
        using var app = await Server.StartAppAsync(run.Paths, database, log, settings: new Dictionary<string, string>
        {
            ["Catalog__Search__Semantic"] = semantic ? "true" : "false",
        });
        var started = Stopwatch.StartNew();
        string? embeddedLine = null;
        bool Embedded() => (embeddedLine ??= EmbeddedLine(log)) is not null;
        if (semantic && whileEmbedding is not null)
        {
            await whileEmbedding(app, Embedded);
        }

        while (semantic && !Embedded())
        {
            if (started.Elapsed > TimeSpan.FromHours(2) || app.Process.HasExited)
            {
                return Figure.NotAvailable(name, "the background indexer did not finish; see " + log);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        if (whenReady is not null)
        {
            await whenReady(app);
        }

        using var client = new HttpClient { BaseAddress = app.Address };
        foreach (var query in SearchQueries.All)
        {
            (await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query))).EnsureSuccessStatusCode();
        }

        var resident = app.Process.ResidentBytes();
        var target = semantic ? 350L : 250L;
        var note = semantic ? $" ({embeddedLine})" : "";
        return new Figure(name, Format.Megabytes(resident) + note, "", "", $"<= {target} MB", resident <= target * 1024 * 1024);
    }

    private static string? EmbeddedLine(string log)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        var at = text.LastIndexOf(Embedded, StringComparison.Ordinal);
        return at < 0 ? null : text[at..].Split('\n')[0].Trim();
    }

    /// <summary>wrk at 4 clients (the run's latency shape), uncached: a cookie the output cache never answers.</summary>
    private sealed class Latency(RunContext run, DistinctQueries queries)
    {
        private readonly List<WrkResult> _pageWhileEmbedding = [];
        private readonly List<WrkResult> _pageIdle = [];
        private readonly List<WrkResult> _semanticSearch = [];
        private readonly List<WrkResult> _lexicalSearch = [];
        private readonly List<WrkResult> _ceiling = [];
        private string _topic = "";

        // As many clients as the measured runs, for as long as the run's warm-up.
        private LoadShape Warmup => run.Warmup with { Connections = 4 };

        /// <summary>The first start: runs of the topic page for as long as the indexer is still embedding, at most <see cref="LatencyRuns"/>.</summary>
        public async Task WhileEmbeddingAsync(Server app, Func<bool> embedded)
        {
            _topic = await BiggestTopicAsync(app);
            await TopicPageAsync(app, Warmup);
            while (_pageWhileEmbedding.Count < LatencyRuns && !embedded())
            {
                var wrk = await TopicPageAsync(app, run.Latency);
                // A run the indexer finished during is not a run "while embedding".
                if (!embedded())
                {
                    _pageWhileEmbedding.Add(wrk);
                    run.Log($"topic page while embedding: p99 {Format.Ms(wrk.P99Ms)}");
                }
            }
        }

        /// <summary>The restart, every vector loaded and nothing embedding: the idle topic page, then semantic search.</summary>
        public async Task RestartedAsync(Server app)
        {
            await TopicPageAsync(app, Warmup);
            for (var i = 0; i < LatencyRuns; i++)
            {
                _pageIdle.Add(await TopicPageAsync(app, run.Latency));
            }

            await WarmUpSearchAsync(app, fused: true);
            for (var i = 0; i < LatencyRuns; i++)
            {
                _semanticSearch.Add(await SearchOnceAsync(app, fused: true));
            }
        }

        /// <summary>
        /// Lexical search, its runs taking turns with Kestrel's serving a thousand of its answers (distinct queries,
        /// captured after the warm-up) from memory: each ratio is of two runs seconds apart, so a slow spell of the
        /// machine weighs on both sides of it rather than on the app's runs or on the ceiling's alone.
        /// </summary>
        public async Task LexicalAsync(Server app)
        {
            await WarmUpSearchAsync(app, fused: false);
            var paths = queries.Next().Take(CeilingAnswers).ToList();
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(1) };
            var manifest = await HttpFigures.CaptureAsync(run, client, paths, "captured-search");
            using var ceiling = await Server.StartCeilingAsync(run.Paths, manifest, paths[0], run.WorkPath("ceiling.log"));
            await Wrk.RunAsync(ceiling, paths, Warmup, run.WorkFolder);
            for (var i = 0; i < LatencyRuns; i++)
            {
                _lexicalSearch.Add(await SearchOnceAsync(app, fused: false));
                _ceiling.Add(await Wrk.RunAsync(ceiling, paths, run.Latency, run.WorkFolder));
                run.Log($"ceiling on the captured search answers: {Format.Rate(_ceiling[^1].RequestsPerSecond)}");
            }
        }

        public IEnumerable<Figure> Figures(string label)
        {
            if (_pageWhileEmbedding.Count == 0)
            {
                yield return Figure.NotAvailable($"{label} topic page p99 while embedding / idle", "the indexer finished before a run did");
            }
            else
            {
                var busy = Stats.Median(_pageWhileEmbedding.Select(r => r.P99Ms));
                var idle = Stats.Median(_pageIdle.Select(r => r.P99Ms));
                yield return new Figure($"{label} topic page `{_topic}`, uncached, p99 at 4 clients while the first start embeds / idle after the restart",
                    $"{Format.Ms(busy)} ({_pageWhileEmbedding.Count} runs)", Format.Ms(idle), $"{busy / idle:F2}", "<= 2.00", busy <= 2 * idle);
            }

            yield return SearchFigure($"{label} `/api/search`, every query distinct, semantic on: p50 / p99 at 4 clients", _semanticSearch, SemanticP99TargetMs);
            yield return SearchFigure($"{label} `/api/search`, every query distinct, semantic off: p50 / p99 at 4 clients", _lexicalSearch, LexicalP99TargetMs);
            if (_ceiling.Count > 0)
            {
                var app = Stats.Median(_lexicalSearch.Select(r => r.RequestsPerSecond));
                var ceiling = Stats.Median(_ceiling.Select(r => r.RequestsPerSecond));
                // The median of the runs' ratios, each run against the ceiling's run right after it.
                var ratio = Stats.Median(_lexicalSearch.Zip(_ceiling, (a, c) => a.RequestsPerSecond / c.RequestsPerSecond));
                var cpu = Stats.Median(_ceiling.Select(r => r.CpuMsPerRequest)) / Stats.Median(_lexicalSearch.Select(r => r.CpuMsPerRequest));
                yield return new Figure($"{label} `/api/search`, every query distinct, semantic off: throughput / ceiling at 4 clients (runs taking turns)",
                    Format.Rate(app), Format.Rate(ceiling), string.Create(CultureInfo.InvariantCulture, $"{ratio:F3} (CPU {cpu:F3})"), $">= {LexicalCeilingTarget}", ratio >= LexicalCeilingTarget);
            }
        }

        private Task<WrkResult> TopicPageAsync(Server app, LoadShape shape) =>
            Wrk.RunAsync(app, [_topic], shape, run.WorkFolder, HttpFigures.UncachedCookie);

        // Semantic ranking fuses two words, not "a OR b": its queries are the pairs as two words, so each is embedded.
        // The probe's answer waits for the version's lexicons (about 3 s at 200x, read ahead 2 s after a start): on the
        // lexical server, which has no embedding to wait for, the warm-up alone left part of that read to the first run.
        private async Task WarmUpSearchAsync(Server app, bool fused)
        {
            using (var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(1) })
            {
                (await client.GetAsync(queries.Probe)).EnsureSuccessStatusCode();
            }

            // Then runs as long as the measured ones, not counted: after the 2 s warm-up alone the lexical server was
            // still compiling its hot code to its final tier through the first runs (1,145, 1,771, 2,019 req/s at 0d57f50).
            await Wrk.RunAsync(app, queries.Next(fused), Warmup, run.WorkFolder, HttpFigures.UncachedCookie, eachPathOnce: true);
            for (var i = 0; i < UncountedRuns; i++)
            {
                await Wrk.RunAsync(app, queries.Next(fused), run.Latency, run.WorkFolder, HttpFigures.UncachedCookie, eachPathOnce: true);
            }
        }

        private async Task<WrkResult> SearchOnceAsync(Server app, bool fused)
        {
            var wrk = await Wrk.RunAsync(app, queries.Next(fused), run.Latency, run.WorkFolder, HttpFigures.UncachedCookie, eachPathOnce: true);
            run.Log($"{(fused ? "semantic" : "lexical")} search, distinct queries: {Format.Rate(wrk.RequestsPerSecond)}, p99 {Format.Ms(wrk.P99Ms)}");
            return wrk;
        }

        private static Figure SearchFigure(string name, List<WrkResult> runs, double targetMs)
        {
            var p99 = Stats.Median(runs.Select(r => r.P99Ms));
            var detail = $"{Format.Ms(Stats.Median(runs.Select(r => r.P50Ms)))} / {Format.Ms(p99)} ({Format.Rate(Stats.Median(runs.Select(r => r.RequestsPerSecond)))}, " +
                $"{Stats.Median(runs.Select(r => r.CpuMsPerRequest)):F2} ms CPU/req)";
            return new Figure(name, detail, "", "", $"p99 <= {targetMs} ms", p99 <= targetMs && runs.Sum(r => r.Failures) == 0);
        }

        private static async Task<string> BiggestTopicAsync(Server app)
        {
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(1) };
            return $"/topics/{Uri.EscapeDataString((await BiggestTopic.ReadAsync(client)).Slug)}";
        }
    }
}
