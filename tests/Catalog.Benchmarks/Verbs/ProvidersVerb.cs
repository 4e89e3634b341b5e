using System.Globalization;
using System.Text;
using Catalog.Benchmarks.Runner;
using Catalog.Web.Data;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>providers [--scale N] [--repeats N] [--seconds N] [--postgres CONNECTION] [--no-readme]</c>: issue 20's numbers,
/// SQLite and PostgreSQL in the same run. The real CLI imports the synthetic corpus into a fresh database of each
/// (alternated); then the Release server runs on each imported database at once, on 127.0.0.1, and wrk at 4 clients
/// measures the topic page and the search API, cached and uncached, alternating providers. PostgreSQL is the server
/// named by --postgres or CATALOG_TEST_POSTGRES (<c>source .ci/postgres</c> starts one); without one only SQLite runs.
/// </summary>
public static class ProvidersVerb
{
    private const string Begin = "<!-- providers:begin (written by the providers verb; do not edit by hand) -->";
    private const string End = "<!-- providers:end -->";

    public static async Task<int> RunAsync(Options options, string[] args)
    {
        var paths = RepoPaths.Find();
        var run = new RunContext(paths, quick: false, options.Number("--scale", 200));
        var repeats = options.Number("--repeats", 3);
        var shape = run.Latency with { Seconds = options.Number("--seconds", run.Latency.Seconds) };
        var postgres = options.Value("--postgres") ?? Environment.GetEnvironmentVariable("CATALOG_TEST_POSTGRES");
        var providers = postgres is { Length: > 0 } ? [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql] : new List<DatabaseProvider> { DatabaseProvider.Sqlite };
        var loadAtStart = MachineFacts.LoadAverage();
        Directory.CreateDirectory(run.WorkFolder);

        run.Log("building src/Catalog.Web in Release");
        var build = await MachineFacts.OutputOfAsync(paths.Root, "dotnet", "build", paths.WebProject, "-c", "Release", "-v", "q", "-nologo");
        if (!File.Exists(paths.AppDll))
        {
            Console.Error.WriteLine($"The Release build of the app failed:\n{build}");
            return 1;
        }

        var corpus = Path.Combine(paths.Artifacts, $"catalog-{run.Scale}x.md");
        var bytes = GenerateVerb.Write(paths.Seed, run.Scale, Generation.SeedGenerator.DefaultSeed, corpus);
        run.Log($"generated {corpus} ({bytes:N0} bytes); importing {repeats} times into each of {string.Join(", ", providers)}");
        var (imports, databases) = await ProviderImports.MeasureAsync(run, corpus, providers, postgres, repeats);

        var servers = new Dictionary<DatabaseProvider, (Server Server, PostgresCpu? Database)>();
        try
        {
            foreach (var (provider, database) in databases)
            {
                var server = await Server.StartAppAsync(paths, database, run.ServerLogPath($"server-{provider}.log"), Server.LexicalOnly);
                servers[provider] = (server, provider == DatabaseProvider.PostgreSql ? await PostgresCpu.FindAsync(database.ConnectionString) : null);
            }

            var endpoints = await ProviderServing.EndpointsAsync(servers[DatabaseProvider.Sqlite].Server);
            var serving = await ProviderServing.MeasureAsync(run, servers, endpoints, shape, repeats);
            var command = "dotnet run -c Release --project tests/Catalog.Benchmarks -- " + string.Join(' ', args);
            var markdown = Report(command, await MachineFacts.CollectAsync(paths), providers, run.Scale, bytes, imports, endpoints, serving, repeats, shape, loadAtStart);
            Console.WriteLine(markdown);
            await File.WriteAllTextAsync(Path.Combine(paths.Artifacts, "providers.md"), markdown);
            if (!options.Flag("--no-readme"))
            {
                ResultsReport.WriteInto(paths.Readme, markdown, Begin, End, "SQLite and PostgreSQL (issue 20)");
                run.Log($"results written into {paths.Readme}");
            }

            return 0;
        }
        finally
        {
            foreach (var (provider, (server, _)) in servers)
            {
                server.Dispose();
                run.KeepServerLogTail($"server-{provider}.log");
            }

            foreach (var database in databases.Values)
            {
                await database.DropAsync();
            }
        }
    }

    private static string Report(string command, IReadOnlyList<(string Name, string Value)> facts, List<DatabaseProvider> providers, int scale, long bytes,
        Dictionary<DatabaseProvider, List<ProviderImports.Sample>> imports, List<ProviderServing.Endpoint> endpoints,
        Dictionary<(ProviderServing.Endpoint, DatabaseProvider), ProviderServing.Outcome> serving, int repeats, LoadShape shape, string loadAtStart)
    {
        var sb = new StringBuilder();
        sb.Append("Command: `").Append(command).AppendLine("`").AppendLine();
        sb.AppendLine(string.Join("; ", facts.Select(f => $"{f.Name}: {f.Value}"))).AppendLine();
        sb.Append("| figure | ").AppendJoin(" | ", providers.Select(Name)).AppendLine(" |");
        sb.Append("| --- |").AppendJoin("", providers.Select(_ => " --- |")).AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"| import {scale}x ({bytes / 1e6:F1} MB) into a fresh database, the CLI as a whole process: wall (CLI CPU; PostgreSQL's CPU); peak memory | ")
            .AppendJoin(" | ", providers.Select(p => ImportCell(imports[p]))).AppendLine(" |");
        foreach (var endpoint in endpoints)
        {
            sb.Append("| ").Append(endpoint.Name).Append(" at ").Append(shape.Connections).Append(" clients: req/s, p99 (CPU per request: app + PostgreSQL) | ")
                .AppendJoin(" | ", providers.Select(p => ServingCell(serving[(endpoint, p)]))).AppendLine(" |");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Medians of {repeats} runs each. Imports alternate providers run by run; the servers run at once, each endpoint measured on one then the other, the first alternating by round; wrk with {shape.Threads} threads, {shape.Connections} connections, {shape.Seconds} s per run after a 2 s warm-up. Semantic ranking off, link checks off. Load average at start {loadAtStart}, at the end in the facts above.");
        sb.AppendLine("- CPU is each process's own CPU time (the app's from `/proc/<pid>/stat`; PostgreSQL's summed over its postmaster and backends): unlike wall time and req/s, other load on a shared machine does not inflate it. wrk shares the 2 cores with the app and PostgreSQL.");
        if (!providers.Contains(DatabaseProvider.PostgreSql))
        {
            sb.AppendLine("- PostgreSQL not measured: no server (`--postgres` or `CATALOG_TEST_POSTGRES`; `source .ci/postgres` starts one).");
        }

        return sb.ToString();
    }

    private static string Name(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql ? "PostgreSQL" : "SQLite";

    private static string ImportCell(List<ProviderImports.Sample> samples)
    {
        var wall = Stats.Median(samples.Select(s => s.Elapsed.TotalSeconds));
        var cpu = Stats.Median(samples.Select(s => s.Cpu.TotalSeconds));
        var database = samples.All(s => s.DatabaseCpu is not null) ? string.Create(CultureInfo.InvariantCulture, $"; {Stats.Median(samples.Select(s => s.DatabaseCpu!.Value.TotalSeconds)):F2} s") : "";
        var peak = (long)Stats.Median(samples.Select(s => (double)s.PeakBytes));
        return string.Create(CultureInfo.InvariantCulture, $"{wall:F2} s (CPU {cpu:F2} s{database}); {Format.Megabytes(peak)}");
    }

    private static string ServingCell(ProviderServing.Outcome outcome)
    {
        if (outcome.NotMeasured is { } why)
        {
            return why;
        }

        var runs = outcome.Samples;
        var rate = Stats.Median(runs.Select(s => s.Wrk.RequestsPerSecond));
        var p99 = Stats.Median(runs.Select(s => s.Wrk.P99Ms));
        var app = Stats.Median(runs.Select(s => s.Wrk.CpuMsPerRequest));
        var database = runs.All(s => s.DatabaseCpuMsPerRequest is not null) ? string.Create(CultureInfo.InvariantCulture, $" + {Stats.Median(runs.Select(s => s.DatabaseCpuMsPerRequest!.Value)):F3}") : "";
        var failures = runs.Sum(s => s.Wrk.Failures);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Format.Rate(rate)}, p99 {Format.Ms(p99)} ({app:F3}{database} ms){(failures > 0 ? $"; **{failures} failed**" : "")}");
    }
}
