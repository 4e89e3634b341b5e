using Catalog.Benchmarks.Verbs;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// What the single-figure verbs start with: the app built in Release, and the synthetic catalog at the run's scale
/// (<c>--scale N</c>, 200 by default) written and imported with the Release CLI into a fresh database.
/// </summary>
public static class SyntheticCatalog
{
    /// <returns>The run and the database's path; the path is null when the import failed (the reason is printed).</returns>
    public static async Task<(RunContext Run, string? Database)> PrepareAsync(Options options, string name)
    {
        var paths = RepoPaths.Find();
        var run = new RunContext(paths, quick: true, options.Number("--scale", 200));
        Directory.CreateDirectory(run.WorkFolder);
        run.Log("building src/Catalog.Web in Release");
        await MachineFacts.OutputOfAsync(paths.Root, "dotnet", "build", paths.WebProject, "-c", "Release", "-v", "q", "-nologo");

        var corpus = Path.Combine(paths.Artifacts, $"catalog-{run.Scale}x.md");
        GenerateVerb.Write(paths.Seed, run.Scale, Generation.SeedGenerator.DefaultSeed, corpus);
        var database = run.WorkPath($"{name}-{run.Scale}x.db");
        BenchDatabase.DeleteSqlite(database);

        run.Log($"importing {corpus}");
        var log = run.WorkPath($"{name}-import.log");
        using var import = ChildProcess.Start(paths.AppFolder, log, ImportFigures.ImportEnvironment(database), ["dotnet", paths.AppDll, "import", corpus]);
        if (await import.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
        {
            Console.Error.WriteLine($"The import failed; see {log}");
            return (run, null);
        }

        return (run, database);
    }
}
