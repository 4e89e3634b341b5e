using System.Diagnostics;
using Catalog.Benchmarks.Runner;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>semantic-memory [--scale N]</c>: the server's resident memory with semantic ranking on and off (issue 18: at most
/// 350 MB with every link embedded, 250 MB lexical only). Imports the catalog with the CLI, starts the server with
/// semantic ranking on and waits until its background indexer has embedded every document, asks the fixed searches,
/// reads VmRSS; then the same after a restart (vectors read back from the database), and with semantic ranking off.
/// </summary>
public static class SemanticMemoryVerb
{
    private const string Embedded = "Embedded catalog version";

    public static async Task<int> RunAsync(Options options)
    {
        var paths = RepoPaths.Find();
        var run = new RunContext(paths, quick: true, options.Number("--scale", 200));
        Directory.CreateDirectory(run.WorkFolder);
        run.Log("building src/Catalog.Web in Release");
        await MachineFacts.OutputOfAsync(paths.Root, "dotnet", "build", paths.WebProject, "-c", "Release", "-v", "q", "-nologo");

        var corpus = Path.Combine(paths.Artifacts, $"catalog-{run.Scale}x.md");
        GenerateVerb.Write(paths.Seed, run.Scale, Generation.SeedGenerator.DefaultSeed, corpus);
        var database = run.WorkPath($"semantic-{run.Scale}x.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }

        run.Log($"importing {corpus}");
        using (var import = ChildProcess.Start(paths.AppFolder, run.WorkPath("semantic-import.log"), ImportFigures.ImportEnvironment(database), ["dotnet", paths.AppDll, "import", corpus]))
        {
            if (await import.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
            {
                Console.Error.WriteLine($"The import failed; see {run.WorkPath("semantic-import.log")}");
                return 1;
            }
        }

        var label = $"{run.Scale}x";
        var figures = new List<Figure>
        {
            await MeasureAsync(run, database, semantic: true, $"{label}, semantic on, first start: every document embedded in the background", "semantic-first.log"),
            await MeasureAsync(run, database, semantic: true, $"{label}, semantic on, restart: vectors read from the database", "semantic-restart.log"),
            await MeasureAsync(run, database, semantic: false, $"{label}, semantic off (lexical only)", "semantic-off.log"),
        };
        Console.WriteLine(ResultsReport.ToMarkdown($"dotnet run -c Release --project tests/Catalog.Benchmarks -- semantic-memory --scale {run.Scale}",
            await MachineFacts.CollectAsync(paths), figures, []));
        return figures.All(f => f.Met != false) ? 0 : 1;
    }

    private static async Task<Figure> MeasureAsync(RunContext run, string database, bool semantic, string name, string logName)
    {
        var log = run.WorkPath(logName);
        run.Log(name);
        using var app = await Server.StartAppAsync(run.Paths, database, log, settings: new Dictionary<string, string>
        {
            ["Catalog__Search__Semantic"] = semantic ? "true" : "false",
        });
        var started = Stopwatch.StartNew();
        var embeddedLine = "";
        while (semantic && (embeddedLine = await EmbeddedLineAsync(log)) is null)
        {
            if (started.Elapsed > TimeSpan.FromHours(2) || app.Process.HasExited)
            {
                return Figure.NotAvailable(name, "the background indexer did not finish; see " + log);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
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

    private static async Task<string?> EmbeddedLineAsync(string log)
    {
        await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        var at = text.LastIndexOf(Embedded, StringComparison.Ordinal);
        return at < 0 ? null : text[at..].Split('\n')[0].Trim();
    }
}
