using System.Diagnostics;

namespace Catalog.Benchmarks.Runner;

/// <summary>What every stage of a run shares: paths, the run's work folder, the repeat counts and progress output.</summary>
public sealed class RunContext(RepoPaths paths, bool quick, int scale)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public RepoPaths Paths { get; } = paths;

    public bool Quick { get; } = quick;

    /// <summary>The large catalog's size, in multiples of the seed (200 by default).</summary>
    public int Scale { get; } = scale;

    /// <summary>Databases, logs and captured responses of this run (under artifacts/, gitignored).</summary>
    public string WorkFolder { get; } = Path.Combine(paths.Artifacts, "run");

    /// <summary>Whole-process runs (imports, parses, cold starts) per figure; the median is reported.</summary>
    public int ProcessRepeats => Quick ? 3 : 5;

    /// <summary>
    /// wrk runs per figure, alternating app and ceiling, and which of them goes first alternating too (so each is first
    /// equally often); the median is reported.
    /// </summary>
    public int LoadRepeats => 4;

    public LoadShape Throughput => new(Threads: 2, Connections: 16, Seconds: Quick ? 3 : 6);

    /// <summary>Four concurrent clients, one request each at a time.</summary>
    public LoadShape Latency => new(Threads: 2, Connections: 4, Seconds: Quick ? 4 : 8);

    public LoadShape Warmup => new(Threads: 2, Connections: 16, Seconds: 2);

    public void Log(string message) => Console.Error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {message}");

    public string WorkPath(string name) => Path.Combine(WorkFolder, name);
}
