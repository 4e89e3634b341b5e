using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Catalog.Benchmarks.Runner;

/// <summary>The facts a reader needs to compare results: cores, memory, CPU, OS, SDK and runtime, commit, date.</summary>
public static class MachineFacts
{
    public static async Task<IReadOnlyList<(string Name, string Value)>> CollectAsync(RepoPaths paths) =>
    [
        ("date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
        ("nproc", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("memory", ProcField("/proc/meminfo", "MemTotal:") is { } kb ? Format.Megabytes(long.Parse(kb.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024) : "?"),
        ("CPU", ProcField("/proc/cpuinfo", "model name") ?? "?"),
        ("OS", RuntimeInformation.OSDescription),
        ("dotnet SDK", await OutputOfAsync(paths.Root, "dotnet", "--version")),
        ("runtime", RuntimeInformation.FrameworkDescription),
        ("commit", await OutputOfAsync(paths.Root, "git", "describe", "--always", "--dirty")),
        ("load average", LoadAverage()),
    ];

    /// <summary>The 1-minute load average: other work on a shared machine shows here, and moves absolute numbers.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static async Task<string> OutputOfAsync(string folder, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string? ProcField(string file, string name) =>
        File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
}
