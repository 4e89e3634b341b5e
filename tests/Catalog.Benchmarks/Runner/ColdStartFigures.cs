namespace Catalog.Benchmarks.Runner;

/// <summary>Process start to the first 200 on <c>/</c>: on the large existing database, and on a first run that imports the seed.</summary>
public static class ColdStartFigures
{
    private static readonly TimeSpan s_target = TimeSpan.FromSeconds(2);

    public static async Task<List<Figure>> MeasureAsync(RunContext run, string database, string label)
    {
        var existing = new List<(double Wall, double Cpu)>();
        var firstRun = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < run.ProcessRepeats; i++)
        {
            using (var server = await Server.StartAppAsync(run.Paths, database, run.WorkPath($"cold-{i}.log")))
            {
                existing.Add((server.ReadyAfter.TotalSeconds, server.CpuWhenReady.TotalSeconds));
            }

            var empty = run.WorkPath($"first-run-{i}.db");
            using (var server = await Server.StartAppAsync(run.Paths, empty, run.WorkPath($"first-run-{i}.log"), run.Paths.SeedsFolder))
            {
                firstRun.Add((server.ReadyAfter.TotalSeconds, server.CpuWhenReady.TotalSeconds));
            }

            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(empty + suffix);
            }
        }

        var existingMedian = Stats.Median(existing.Select(s => s.Wall));
        var firstRunMedian = Stats.Median(firstRun.Select(s => s.Wall));
        var existingCpu = Stats.Median(existing.Select(s => s.Cpu));
        var firstRunCpu = Stats.Median(firstRun.Select(s => s.Cpu));
        run.Log($"cold start: existing {label} database {existingMedian:F2} s, first run with seed import {firstRunMedian:F2} s");
        return
        [
            new Figure($"cold start on the existing {label} database: process start to first 200 on `/`", $"{existingMedian:F2} s (CPU {existingCpu:F2} s)", "", "",
                $"<= {s_target.TotalSeconds:F0} s", existingMedian <= s_target.TotalSeconds),
            new Figure("cold start, first run: empty database, seed imported on start, to first 200 on `/`", $"{firstRunMedian:F2} s (CPU {firstRunCpu:F2} s)"),
        ];
    }
}
