using Catalog.Benchmarks.Verbs;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The <c>run</c> verb: builds the app in Release, generates the corpora, measures every figure against its baseline
/// or ceiling in this same run, prints the table and writes it into README.md (a --quick run only prints it).
/// </summary>
public static class BenchmarkRun
{
    public static async Task<int> RunAsync(Options options, string[] args)
    {
        var paths = RepoPaths.Find();
        var run = new RunContext(paths, options.Flag("--quick"), options.Number("--scale", 200));

        // --only import | cold-start: one group of figures, for measuring a change to it; never written into README.md.
        var only = options.Value("--only");
        var command = "dotnet run -c Release --project tests/Catalog.Benchmarks -- " + string.Join(' ', args);
        var notes = new List<string>();
        var loadAtStart = MachineFacts.LoadAverage();
        PrepareWorkFolder(run);

        run.Log("building src/Catalog.Web in Release");
        var build = await MachineFacts.OutputOfAsync(paths.Root, "dotnet", "build", paths.WebProject, "-c", "Release", "-v", "q", "-nologo");
        if (!File.Exists(paths.AppDll))
        {
            Console.Error.WriteLine($"The Release build of the app failed:\n{build}");
            return 1;
        }

        run.Log("publishing src/Catalog.Web in Release (the cold start figures start the published app)");
        if (Directory.Exists(paths.PublishFolder))
        {
            Directory.Delete(paths.PublishFolder, recursive: true);
        }

        var publish = await MachineFacts.OutputOfAsync(paths.Root, "dotnet", "publish", paths.WebProject, "-c", "Release", "-o", paths.PublishFolder, "-v", "q", "-nologo");
        if (!File.Exists(Path.Combine(paths.PublishFolder, "Catalog.Web.dll")))
        {
            Console.Error.WriteLine($"Publishing the app failed:\n{publish}");
            return 1;
        }

#if DEBUG
        notes.Add("The benchmark executable itself was a Debug build (its baselines run slower than they should): use `dotnet run -c Release`.");
#endif

        var figures = new List<Figure>();
        var large = run.WorkPath($"catalog-{run.Scale}x.db");
        var scales = only == "cold-start" ? [1] : run.Quick ? [1, run.Scale] : new[] { 1, 50, run.Scale }.Distinct();
        foreach (var scale in scales)
        {
            var corpus = Path.Combine(paths.Artifacts, $"catalog-{scale}x.md");
            var bytes = GenerateVerb.Write(paths.Seed, scale, Generation.SeedGenerator.DefaultSeed, corpus);
            run.Log($"generated {corpus} ({bytes:N0} bytes); importing {run.ProcessRepeats} times");
            figures.AddRange(await ImportFigures.MeasureAsync(run, corpus, $"{scale}x", withTargets: scale == run.Scale, run.WorkPath($"catalog-{scale}x.db")));
        }

        if (only is null or "cold-start")
        {
            figures.AddRange(await ColdStartFigures.MeasureAsync(run, paths.PublishFolder, run.WorkPath("catalog-1x.db"), large, $"{run.Scale}x"));
        }

        if (only is not null)
        {
            notes.Add($"Only the {only} figures (`--only {only}`).");
        }
        else if (Wrk.IsInstalled())
        {
            figures.AddRange(await HttpFigures.MeasureAsync(run, large));
        }
        else
        {
            notes.Add("wrk is not installed (`apt-get install -y wrk`): the throughput, latency and memory figures were not measured.");
        }

        notes.Add($"Medians of {run.ProcessRepeats} whole-process runs (imports, parses, cold starts) and of {run.LoadRepeats} wrk runs per endpoint " +
            $"({run.Throughput.Seconds} s, {run.Throughput.Threads} threads, {run.Throughput.Connections} connections; latency with {run.Latency.Connections} connections), " +
            "app and baseline or ceiling alternated (for servers, with the one that goes first alternating too); wrk shares the 2 cores with the server, equally for app and ceiling. " +
            $"CPU figures are the measured process's own CPU time (per request for servers), which other load on the machine does not inflate; the ratio column gives the same comparison in CPU. A throughput ratio above 1 means other load hit the ceiling's runs harder than the app's. Load average at start {loadAtStart}, at the end in the facts above.");
        var markdown = ResultsReport.ToMarkdown(command, await MachineFacts.CollectAsync(paths), figures, notes);
        Console.WriteLine(markdown);
        await File.WriteAllTextAsync(Path.Combine(paths.Artifacts, "results.md"), markdown);
        if (!run.Quick && only is null && !options.Flag("--no-readme"))
        {
            ResultsReport.WriteInto(paths.Readme, markdown);
            run.Log($"results written into {paths.Readme}");
        }

        return 0;
    }

    private static void PrepareWorkFolder(RunContext run)
    {
        if (Directory.Exists(run.WorkFolder))
        {
            Directory.Delete(run.WorkFolder, recursive: true);
        }

        Directory.CreateDirectory(run.WorkFolder);
    }
}
