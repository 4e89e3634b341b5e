using System.Globalization;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// What the benchmarks read of a process's /proc/&lt;pid&gt;/stat: its parent, its own CPU time (user + system) and
/// that of its children it has reaped, in clock ticks.
/// </summary>
public readonly record struct ProcessStat(int ParentId, long Ticks, long ChildTicks)
{
    // USER_HZ: 100 on every Linux build this runs on.
    private const double ClockTicksPerSecond = 100;

    public static TimeSpan Time(long ticks) => TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);

    /// <summary>The process's stat, or null when it has exited (or is not ours to read).</summary>
    public static ProcessStat? Read(int pid)
    {
        try
        {
            // The command name, in parentheses, may hold spaces: the fields are counted from the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return new ProcessStat((int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
