using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The long tail: tens of thousands of distinct searches, each asked once, as crawlers and people typing send them. The
/// output cache must not keep them all: the server's resident memory after the run is the figure (target 250 MB, the
/// lexical server's; <see cref="Server.LexicalOnly"/>).
/// Queries go to <c>/api/search</c> (8 at a time): the search page would add its "did you mean" to every query that
/// finds nothing, which measures the speller rather than the cache.
/// </summary>
public static partial class LongTailFigures
{
    public const int DefaultQueries = 50_000;

    private const int Clients = 8;
    private const long MemoryTargetBytes = 250L * 1024 * 1024;

    /// <summary>
    /// Distinct queries from the seed's own words: each word alone, then "a OR b" for pairs of words, in a fixed order.
    /// OR, so that most of them find something and their answers are full-sized (two words together mostly find nothing).
    /// </summary>
    public static IReadOnlyList<string> Queries(string seedPath, int count)
    {
        var words = Word().Matches(File.ReadAllText(seedPath)).Select(m => m.Value.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pairs = from a in Enumerable.Range(0, words.Count)
                    from b in Enumerable.Range(a + 1, words.Count - a - 1)
                    select $"{words[a]} OR {words[b]}";
        return words.Concat(pairs).Take(count).ToList();
    }

    public static async Task<Figure> MeasureAsync(RunContext run, Server app, int count)
    {
        var queries = Queries(run.Paths.Seed, count);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(1) };
        var before = app.Process.ResidentBytes();
        var clock = Stopwatch.StartNew();
        var next = -1;
        var failures = 0;
        var matched = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < queries.Count; i = Interlocked.Increment(ref next))
            {
                using var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(queries[i]));
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
                else if (!body.Contains("\"total\":0,", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref matched);
                }
            }
        }));

        var after = app.Process.ResidentBytes();
        run.Log($"long tail: {queries.Count:N0} distinct searches in {clock.Elapsed.TotalSeconds:F0} s, {matched:N0} with results; RSS {Format.Megabytes(before)} -> {Format.Megabytes(after)}");
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{Format.Megabytes(after)} (before them {Format.Megabytes(before)}; {matched:N0} found something; {clock.Elapsed.TotalSeconds:F0} s){(failures > 0 ? $"; {failures} failed" : "")}");
        return new Figure($"resident memory after {queries.Count:N0} distinct searches, each asked once (`/api/search`, long tail)", detail, "", "",
            $"<= {Format.Megabytes(MemoryTargetBytes)}", after <= MemoryTargetBytes && failures == 0);
    }

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Word();
}
