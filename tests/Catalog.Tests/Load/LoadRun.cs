using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Catalog.Tests.Load;

/// <summary>
/// A fixed number of clients, each sending one request after another (no think time) over the given URLs until the
/// duration is up or the request budget is spent, whichever comes first. Every answer that is not 2xx, and every
/// exception (refused connection, timeout, reset), is an error.
/// </summary>
public sealed class LoadRun(HttpClient http, IReadOnlyList<string> urls, int clients, TimeSpan duration, int maxRequests)
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Stopwatch _clock = new();
    private int _started;
    private int _errorCount;

    public sealed record Result(int Requests, int Errors, IReadOnlyList<string> FirstErrors, TimeSpan Elapsed, double[] LatenciesMs, List<(TimeSpan Start, TimeSpan End)> Spans)
    {
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

        public double Percentile(double p) => LatenciesMs.Length == 0 ? 0 : LatenciesMs[(int)Math.Min(LatenciesMs.Length - 1, Math.Ceiling(p * LatenciesMs.Length) - 1)];

        public string Summary => string.Create(CultureInfo.InvariantCulture,
            $"{Requests} requests in {Elapsed.TotalSeconds:F1} s = {RequestsPerSecond:F0} requests/s, {Errors} errors; latency p50 {Percentile(0.5):F1} ms, p95 {Percentile(0.95):F1} ms, p99 {Percentile(0.99):F1} ms, max {LatenciesMs.LastOrDefault():F1} ms");
    }

    /// <summary>Time since the run started, for marking events (an import) on the same clock as the requests.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        _clock.Start();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, ct), ct)));
        var elapsed = _clock.Elapsed;
        var spans = perClient.SelectMany(c => c).ToList();
        var latencies = spans.Select(s => (s.End - s.Start).TotalMilliseconds).Order().ToArray();
        return new Result(spans.Count, _errorCount, [.. _errors.Take(20)], elapsed, latencies, spans);
    }

    private async Task<List<(TimeSpan Start, TimeSpan End)>> ClientAsync(int client, CancellationToken ct)
    {
        var spans = new List<(TimeSpan, TimeSpan)>();
        for (var n = client; _clock.Elapsed < duration && Interlocked.Increment(ref _started) <= maxRequests; n++)
        {
            var url = urls[n % urls.Count];
            var start = _clock.Elapsed;
            await SendAsync(url, ct);
            spans.Add((start, _clock.Elapsed));
        }

        return spans;
    }

    private async Task SendAsync(string url, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                Error($"{url}: {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Error($"{url}: {e.GetType().Name} {e.Message}");
        }
    }

    private void Error(string error)
    {
        Interlocked.Increment(ref _errorCount);
        _errors.Enqueue(error);
    }
}
