using Catalog.Benchmarks.Verbs;

namespace Catalog.Benchmarks.Runner;

/// <summary>The synthetic catalog at the run's scale, written and imported with the Release CLI into a fresh database.</summary>
public static class SyntheticCatalog
{
    /// <returns>The database's path, or null when the import failed (the reason is printed).</returns>
    public static async Task<string?> ImportAsync(RunContext run, string databaseName)
    {
        var paths = run.Paths;
        var corpus = Path.Combine(paths.Artifacts, $"catalog-{run.Scale}x.md");
        GenerateVerb.Write(paths.Seed, run.Scale, Generation.SeedGenerator.DefaultSeed, corpus);
        var database = run.WorkPath(databaseName);
        BenchDatabase.DeleteSqlite(database);

        run.Log($"importing {corpus}");
        var log = run.WorkPath(Path.GetFileNameWithoutExtension(databaseName) + "-import.log");
        using var import = ChildProcess.Start(paths.AppFolder, log, ImportFigures.ImportEnvironment(database), ["dotnet", paths.AppDll, "import", corpus]);
        if (await import.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
        {
            Console.Error.WriteLine($"The import failed; see {log}");
            return null;
        }

        return database;
    }
}
