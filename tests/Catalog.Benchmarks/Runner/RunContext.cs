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

    /// <summary>
    /// Where the server under load writes its log: memory (tmpfs) when the machine has one. Its one line per request
    /// makes a ~500 MB file per run, and on this VM's ext4 disk the kernel's work for a growing file was charged to the
    /// app: 0.034 ms of CPU per cached topic page, against 0.024 ms with the log on tmpfs and 0.025 ms to /dev/null
    /// (the ceiling logs nothing). <see cref="KeepServerLogTail"/> keeps its end in the work folder.
    /// </summary>
    public string ServerLogPath(string name) =>
        Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", $"catalog-bench-{Environment.ProcessId}-{name}") : WorkPath(name);

    /// <summary>Moves the last megabyte of a server log to the work folder.</summary>
    public void KeepServerLogTail(string name)
    {
        var source = ServerLogPath(name);
        var target = WorkPath(name);
        if (source == target || !File.Exists(source))
        {
            return;
        }

        using (var input = File.OpenRead(source))
        using (var output = File.Create(target))
        {
            input.Seek(Math.Max(0, input.Length - (1 << 20)), SeekOrigin.Begin);
            input.CopyTo(output);
        }

        File.Delete(source);
    }
}
