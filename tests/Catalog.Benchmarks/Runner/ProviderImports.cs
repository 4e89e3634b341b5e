using System.Globalization;
using Catalog.Web.Data;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The real CLI's <c>import</c> of one corpus into a fresh database of each provider, whole processes, the providers
/// alternated run by run (and which goes first alternated too) so both see the same machine.
/// </summary>
public static class ProviderImports
{
    /// <summary>One import: the CLI's wall time, CPU time and peak memory, and PostgreSQL's own CPU time meanwhile.</summary>
    public sealed record Sample(TimeSpan Elapsed, TimeSpan Cpu, long PeakBytes, TimeSpan? DatabaseCpu);

    /// <summary>Imports <paramref name="repeats"/> times per provider; returns the samples and the last database of each, kept for serving.</summary>
    public static async Task<(Dictionary<DatabaseProvider, List<Sample>> Samples, Dictionary<DatabaseProvider, BenchDatabase> Kept)> MeasureAsync(
        RunContext run, string corpus, IReadOnlyList<DatabaseProvider> providers, string? postgresServer, int repeats)
    {
        var samples = providers.ToDictionary(p => p, _ => new List<Sample>());
        var kept = new Dictionary<DatabaseProvider, BenchDatabase>();
        for (var i = 0; i < repeats; i++)
        {
            foreach (var provider in i % 2 == 0 ? providers : providers.Reverse())
            {
                var database = provider == DatabaseProvider.PostgreSql
                    ? await BenchDatabase.NewPostgresAsync(postgresServer!, $"catalog_bench_import_{i}")
                    : BenchDatabase.NewSqlite(run.WorkPath($"import-{i}.db"));
                var sample = await ImportAsync(run, corpus, database, $"import-{provider}-{i}.log");
                samples[provider].Add(sample);
                run.Log(string.Create(CultureInfo.InvariantCulture,
                    $"import {provider} {i + 1}/{repeats}: {sample.Elapsed.TotalSeconds:F2} s (CPU {sample.Cpu.TotalSeconds:F2} s{(sample.DatabaseCpu is { } db ? $", PostgreSQL {db.TotalSeconds:F2} s" : "")})"));
                if (i == repeats - 1)
                {
                    kept[provider] = database;
                }
                else
                {
                    await database.DropAsync();
                }
            }
        }

        return (samples, kept);
    }

    private static async Task<Sample> ImportAsync(RunContext run, string corpus, BenchDatabase database, string log)
    {
        var postgres = database.Provider == DatabaseProvider.PostgreSql ? await PostgresCpu.FindAsync(database.ConnectionString) : null;
        var databaseBefore = postgres?.Total();
        using var process = ChildProcess.Start(run.Paths.AppFolder, run.WorkPath(log), database.Settings, ["dotnet", run.Paths.AppDll, "import", corpus], trackPeak: true);
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(10));
        if (exit != 0)
        {
            throw new InvalidOperationException($"The {database.Provider} import exited with {exit.ToString(CultureInfo.InvariantCulture)}:\n{await File.ReadAllTextAsync(run.WorkPath(log))}");
        }

        return new Sample(process.Elapsed, process.CpuSeen, process.PeakBytes, postgres?.Total() - databaseBefore);
    }
}
