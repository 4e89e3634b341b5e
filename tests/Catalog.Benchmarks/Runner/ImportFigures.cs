using System.Globalization;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// Import (the real CLI: parse, classify, write, index, one transaction) against the bare Markdig parse of the same
/// file, each a whole process, alternated run by run so both see the same machine.
/// </summary>
public static class ImportFigures
{
    private const double TargetRatio = 4;
    private const long TargetPeakBytes = 400L * 1024 * 1024;

    private sealed record Sample(TimeSpan Elapsed, long PeakBytes, TimeSpan Cpu);

    /// <summary>Measures one corpus; returns its figures and leaves the imported database at <paramref name="database"/>.</summary>
    public static async Task<List<Figure>> MeasureAsync(RunContext run, string corpus, string label, bool withTargets, string database)
    {
        var imports = new List<Sample>();
        var parses = new List<Sample>();
        for (var i = 0; i < run.ProcessRepeats; i++)
        {
            parses.Add(await RunAsync(run, ["dotnet", typeof(ImportFigures).Assembly.Location, "baseline-parse", corpus], new Dictionary<string, string>(), $"parse-{label}-{i}.log"));
            var db = run.WorkPath($"import-{label}-{i}.db");
            imports.Add(await RunAsync(run, ["dotnet", run.Paths.AppDll, "import", corpus], ImportEnvironment(db), $"import-{label}-{i}.log"));
            Keep(db, i == run.ProcessRepeats - 1 ? database : null);
        }

        var import = Stats.Median(imports.Select(s => s.Elapsed.TotalSeconds));
        var parse = Stats.Median(parses.Select(s => s.Elapsed.TotalSeconds));
        var importPeak = (long)Stats.Median(imports.Select(s => (double)s.PeakBytes));
        var parsePeak = (long)Stats.Median(parses.Select(s => (double)s.PeakBytes));
        var ratio = import / parse;
        var importCpu = Stats.Median(imports.Select(s => s.Cpu.TotalSeconds));
        var parseCpu = Stats.Median(parses.Select(s => s.Cpu.TotalSeconds));
        var bytes = new FileInfo(corpus).Length;
        var size = $"{label} ({(bytes < 1_000_000 ? $"{bytes / 1e3:F0} KB" : $"{bytes / 1e6:F1} MB")})";
        run.Log($"import {label}: {import:F2} s vs parse {parse:F2} s = {ratio:F2}x; peak {Format.Megabytes(importPeak)}");
        return
        [
            new Figure($"import {size} / bare Markdig parse, whole process each", $"{import:F2} s (CPU {importCpu:F2} s)", $"{parse:F2} s (CPU {parseCpu:F2} s)", $"{ratio:F2}x (CPU {importCpu / parseCpu:F2}x)",
                withTargets ? $"<= {TargetRatio}x" : "", withTargets ? ratio <= TargetRatio : null),
            new Figure($"import {label}: peak memory (VmHWM)", Format.Megabytes(importPeak), Format.Megabytes(parsePeak), "",
                withTargets ? $"<= {Format.Megabytes(TargetPeakBytes)}" : "", withTargets ? importPeak <= TargetPeakBytes : null),
        ];
    }

    public static Dictionary<string, string> ImportEnvironment(string database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Catalog"] = $"Data Source={database}",
    };

    private static async Task<Sample> RunAsync(RunContext run, string[] command, Dictionary<string, string> environment, string log)
    {
        using var process = ChildProcess.Start(run.Paths.AppFolder, run.WorkPath(log), environment, command, trackPeak: true);
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(5));
        if (exit != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {exit.ToString(CultureInfo.InvariantCulture)}:\n{await File.ReadAllTextAsync(run.WorkPath(log))}");
        }

        return new Sample(process.Elapsed, process.PeakBytes, process.CpuSeen);
    }

    // Every repeat imports into a fresh file; only the last is kept, for the server figures.
    private static void Keep(string db, string? keepAs)
    {
        if (keepAs is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(keepAs + suffix);
                if (File.Exists(db + suffix))
                {
                    File.Move(db + suffix, keepAs + suffix);
                }
            }
        }

        BenchDatabase.DeleteSqlite(db);
    }
}
