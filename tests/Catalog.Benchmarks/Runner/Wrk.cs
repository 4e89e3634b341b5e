using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Catalog.Benchmarks.Runner;

/// <summary>One wrk run: requests per second and latency percentiles, every non-2xx answer or socket error counted.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Failures, double BytesPerRequest)
{
    /// <summary>The server's CPU time per request during the run (set by the caller, who knows the server).</summary>
    public double CpuMsPerRequest { get; init; }
}

/// <summary>
/// Drives wrk (a C load generator: on 2 cores a .NET client would take the CPU the server needs). Several paths are
/// rotated by a Lua request() function; a single path uses wrk's prebuilt request, its fastest mode.
/// </summary>
public static class Wrk
{
    private const string ResultMarker = "WRK_JSON ";

    public static bool IsInstalled() => File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    /// <summary>Loads <paramref name="server"/> and also reports its CPU time per request.</summary>
    /// <param name="eachPathOnce">Every path is asked once: thread k takes paths k, k + threads, ...; a run that asks more requests than there are paths throws.</param>
    public static async Task<WrkResult> RunAsync(Server server, IReadOnlyList<string> paths, LoadShape shape, string workFolder, string? cookie = null, bool eachPathOnce = false)
    {
        var before = server.Process.CpuTime();
        var result = await RunAsync(server.Address, paths, shape, workFolder, cookie, eachPathOnce);
        var cpu = server.Process.CpuTime() - before;
        return result with { CpuMsPerRequest = result.Requests == 0 ? 0 : cpu.TotalMilliseconds / result.Requests };
    }

    /// <param name="cookie">Sent with every request: the app's response cache never answers a request with a cookie.</param>
    public static async Task<WrkResult> RunAsync(Uri server, IReadOnlyList<string> paths, LoadShape shape, string workFolder, string? cookie = null, bool eachPathOnce = false)
    {
        var script = Path.Combine(workFolder, $"wrk-{Guid.NewGuid():n}.lua");
        await File.WriteAllTextAsync(script, Script(paths, cookie, eachPathOnce ? shape.Threads : null));
        try
        {
            var target = new Uri(server, paths.Count == 1 ? paths[0] : "/");
            var output = await RunWrkAsync(
                ["-t", $"{shape.Threads}", "-c", $"{shape.Connections}", "-d", $"{shape.Seconds}s", "--timeout", "10s", "-s", script, target.AbsoluteUri],
                TimeSpan.FromSeconds(shape.Seconds + 30));
            var json = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultMarker, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no result:\n{output}");
            var result = Parse(json[ResultMarker.Length..]);
            if (eachPathOnce && result.Requests > paths.Count)
            {
                // The script wraps around a short list: some paths were asked twice, and a distinct-query run is not.
                throw new InvalidOperationException($"{result.Requests} requests ran out of {paths.Count} paths to ask once each: give the run more (DistinctQueries.SliceSize).");
            }

            return result;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static WrkResult Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        var requests = r.GetProperty("requests").GetInt64();
        var seconds = r.GetProperty("duration_us").GetDouble() / 1e6;
        return new WrkResult(
            requests / seconds,
            r.GetProperty("p50_us").GetDouble() / 1000,
            r.GetProperty("p99_us").GetDouble() / 1000,
            requests,
            r.GetProperty("socket_errors").GetInt64() + r.GetProperty("non2xx").GetInt64(),
            requests == 0 ? 0 : r.GetProperty("bytes").GetDouble() / requests);
    }

    private static string Script(IReadOnlyList<string> paths, string? cookie, int? stride)
    {
        var sb = new StringBuilder();
        if (cookie is not null)
        {
            sb.Append("wrk.headers[\"Cookie\"] = ").AppendLine(LuaString(cookie));
        }

        if (stride is { } threads)
        {
            // Threads interleave over the list, so no two requests of the run ask the same path before it wraps.
            sb.Append("local paths = {").AppendJoin(", ", paths.Select(LuaString)).AppendLine("}");
            sb.AppendLine("local counter = 0");
            sb.AppendLine("function setup(thread) thread:set(\"id\", counter); counter = counter + 1 end");
            sb.AppendLine("function init(args) counter = id or 0 end");
            sb.Append("function request() local path = paths[(counter % #paths) + 1]; counter = counter + ").Append(threads).AppendLine("; return wrk.format(nil, path) end");
        }
        else if (paths.Count > 1)
        {
            sb.Append("local paths = {").AppendJoin(", ", paths.Select(LuaString)).AppendLine("}");
            sb.AppendLine("local counter = 0");
            sb.AppendLine("function setup(thread) thread:set(\"id\", counter); counter = counter + 7 end");
            sb.AppendLine("function init(args) counter = id or 0 end");
            sb.AppendLine("function request() counter = counter + 1; return wrk.format(nil, paths[(counter % #paths) + 1]) end");
        }

        sb.AppendLine("function done(summary, latency, requests)");
        sb.AppendLine("  local e = summary.errors");
        sb.Append("  io.write(string.format('").Append(ResultMarker)
            .Append("{\"requests\":%d,\"duration_us\":%d,\"bytes\":%d,\"socket_errors\":%d,\"non2xx\":%d,\"p50_us\":%d,\"p99_us\":%d}\\n', ")
            .AppendLine("summary.requests, summary.duration, summary.bytes, e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(50), latency:percentile(99)))");
        sb.AppendLine("end");
        return sb.ToString();
    }

    // Paths are percent-encoded ASCII; escape what Lua's string syntax needs anyway.
    private static string LuaString(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static async Task<string> RunWrkAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"wrk failed ({process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {await stderr}");
    }
}

/// <summary>wrk's threads, open connections and duration.</summary>
public sealed record LoadShape(int Threads, int Connections, int Seconds);
