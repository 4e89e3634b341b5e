using System.Diagnostics;
using System.Globalization;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// A measured child process: its output goes to a log file (through <c>sh -c exec</c>, so the pid is the program's own
/// and a chatty server never blocks on a pipe), its wall time is taken from start to exit, and its peak resident memory
/// is read from VmHWM in /proc/&lt;pid&gt;/status while it runs.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(5);

    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly Task _peakPoller;
    private readonly CancellationTokenSource _stop = new();
    private long _peakBytes;
    private long _cpuTicks;
    private bool _disposed;

    private ChildProcess(Process process, Stopwatch clock, bool trackPeak)
    {
        _process = process;
        _clock = clock;
        _peakPoller = trackPeak ? Task.Run(PollPeakAsync) : Task.CompletedTask;
    }

    public int Id => _process.Id;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The highest VmHWM seen; the last few milliseconds before exit may be missed.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time (user + system) as last seen while the process ran: at most one poll short of the total.</summary>
    public TimeSpan CpuSeen => ProcessStat.Time(Interlocked.Read(ref _cpuTicks));

    public static ChildProcess Start(string workingDirectory, string logFile, IReadOnlyDictionary<string, string> environment, IEnumerable<string> command, bool trackPeak = false)
    {
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "log=$1; shift; exec \"$@\" >\"$log\" 2>&1", "sh", logFile }.Concat(command))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {string.Join(' ', command)}.");
        return new ChildProcess(process, clock, trackPeak);
    }

    /// <summary>Waits for the exit; a process still running after <paramref name="timeout"/> is killed and reported.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            throw new TimeoutException($"Process {_process.Id} still ran after {timeout.TotalSeconds:F0} s and was killed.");
        }

        _clock.Stop();
        await _stop.CancelAsync();
        await _peakPoller;
        return _process.ExitCode;
    }

    /// <summary>Resident memory now (VmRSS), or 0 when the process is gone.</summary>
    public long ResidentBytes() => ReadStatusBytes(_process.Id, "VmRSS:");

    /// <summary>CPU time used so far (user + system), from /proc/&lt;pid&gt;/stat; robust where wall time is not, on a shared machine.</summary>
    public TimeSpan CpuTime() =>
        ProcessStat.Time(ProcessStat.Read(_process.Id)?.Ticks ?? throw new InvalidOperationException($"Process {_process.Id} has exited."));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _stop.Cancel();
        _stop.Dispose();
        _process.Dispose();
    }

    private async Task PollPeakAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var hwm = ReadStatusBytes(_process.Id, "VmHWM:");
            if (hwm > Interlocked.Read(ref _peakBytes))
            {
                Interlocked.Exchange(ref _peakBytes, hwm);
            }

            if (ProcessStat.Read(_process.Id) is { } stat)
            {
                Interlocked.Exchange(ref _cpuTicks, stat.Ticks);
            }

            try
            {
                await Task.Delay(s_pollInterval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static long ReadStatusBytes(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            // The process exited between two polls.
            return 0;
        }
    }
}
