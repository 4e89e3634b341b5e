namespace Catalog.Benchmarks.Runner;

/// <summary>
/// Process start to the first 200 on <c>/</c>, the way an operator sees it: the published app (ReadyToRun, as
/// <c>dotnet publish -c Release</c> makes it) started on an existing database, polled until it answers. On the 1x
/// catalog (the target), on the large one, and on a first run that imports the seed into an empty database.
/// </summary>
public static class ColdStartFigures
{
    private static readonly TimeSpan s_target = TimeSpan.FromSeconds(1);

    /// <param name="small">The 1x database (the target's); <paramref name="large"/> is measured too when it exists.</param>
    public static async Task<List<Figure>> MeasureAsync(RunContext run, string appFolder, string small, string large, string largeLabel)
    {
        var existing = new List<Sample>();
        var existingLarge = new List<Sample>();
        var firstRun = new List<Sample>();

        // A server that has run before has embedded its catalog; the CLI import that made these databases has not. One
        // start that waits for the embeddings makes "existing database" a restart, not a first start after an import.
        await PrimeAsync(run, appFolder, small, "cold-prime-1x.log");
        if (File.Exists(large))
        {
            await PrimeAsync(run, appFolder, large, $"cold-prime-{largeLabel}.log");
        }
        for (var i = 0; i < run.ProcessRepeats; i++)
        {
            existing.Add(await StartAsync(run, appFolder, small, $"cold-1x-{i}.log"));
            if (File.Exists(large))
            {
                existingLarge.Add(await StartAsync(run, appFolder, large, $"cold-{largeLabel}-{i}.log"));
            }

            var empty = run.WorkPath($"first-run-{i}.db");
            firstRun.Add(await StartAsync(run, appFolder, empty, $"first-run-{i}.log", run.Paths.SeedsFolder));
            BenchDatabase.DeleteSqlite(empty);
        }

        run.Log($"cold start: existing 1x database {Describe(existing)}; first run with seed import {Describe(firstRun)}");
        var figures = new List<Figure>
        {
            new("cold start of the published app on the existing 1x database: process start to first 200 on `/`", Describe(existing), "", "",
                $"<= {s_target.TotalSeconds:F1} s", Stats.Median(existing.Select(s => s.Wall)) <= s_target.TotalSeconds),
        };
        if (existingLarge.Count > 0)
        {
            figures.Add(new($"cold start of the published app on the existing {largeLabel} database", Describe(existingLarge)));
        }

        figures.Add(new("cold start, first run: empty database, seed imported on start, to first 200 on `/`", Describe(firstRun)));
        return figures;
    }

    private sealed record Sample(double Wall, double Cpu);

    private static async Task<Sample> StartAsync(RunContext run, string appFolder, string database, string log, string? seeds = null)
    {
        using var server = await Server.StartAppAsync(run.Paths, database, run.WorkPath(log), seeds, appFolder);
        return new Sample(server.ReadyAfter.TotalSeconds, server.CpuWhenReady.TotalSeconds);
    }

    private static async Task PrimeAsync(RunContext run, string appFolder, string database, string log)
    {
        var path = run.WorkPath(log);
        using var server = await Server.StartAppAsync(run.Paths, database, path, null, appFolder);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline && !ReadShared(path).Contains("Embedded catalog version", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static string Describe(List<Sample> samples) =>
        $"{Stats.Median(samples.Select(s => s.Wall)):F2} s (CPU {Stats.Median(samples.Select(s => s.Cpu)):F2} s; " +
        $"runs {string.Join(", ", samples.Select(s => s.Wall.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})";
}
