using Catalog.Benchmarks.Runner;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>long-tail [--scale N] [--queries N]</c>: the long-tail memory figure alone (the <c>run</c> verb includes it after
/// its load runs): build in Release, generate and import the catalog, start the server, send the distinct searches,
/// print the server's resident memory.
/// </summary>
public static class LongTailVerb
{
    public static async Task<int> RunAsync(Options options)
    {
        var paths = RepoPaths.Find();
        var run = new RunContext(paths, quick: true, options.Number("--scale", 200));
        Directory.CreateDirectory(run.WorkFolder);
        run.Log("building src/Catalog.Web in Release");
        await MachineFacts.OutputOfAsync(paths.Root, "dotnet", "build", paths.WebProject, "-c", "Release", "-v", "q", "-nologo");

        var corpus = Path.Combine(paths.Artifacts, $"catalog-{run.Scale}x.md");
        GenerateVerb.Write(paths.Seed, run.Scale, Generation.SeedGenerator.DefaultSeed, corpus);
        var database = run.WorkPath($"long-tail-{run.Scale}x.db");
        BenchDatabase.DeleteSqlite(database);

        run.Log($"importing {corpus}");
        using (var import = ChildProcess.Start(paths.AppFolder, run.WorkPath("long-tail-import.log"), ImportFigures.ImportEnvironment(database), ["dotnet", paths.AppDll, "import", corpus]))
        {
            if (await import.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
            {
                Console.Error.WriteLine($"The import failed; see {run.WorkPath("long-tail-import.log")}");
                return 1;
            }
        }

        using var app = await Server.StartAppAsync(paths, database, run.WorkPath("long-tail-server.log"));
        var figure = await LongTailFigures.MeasureAsync(run, app, options.Number("--queries", LongTailFigures.DefaultQueries));
        Console.WriteLine(ResultsReport.ToMarkdown("dotnet run -c Release --project tests/Catalog.Benchmarks -- long-tail", await MachineFacts.CollectAsync(paths), [figure], []));
        return figure.Met == true ? 0 : 1;
    }
}
