namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The long-tail queries (<see cref="LongTailFigures.Queries"/>) cut into slices of search API paths: each wrk run gets
/// one no other run has asked, so every request is a new query for the output cache and for the query embeddings.
/// </summary>
public sealed class DistinctQueries(IReadOnlyList<string> queries)
{
    /// <summary>Distinct queries per wrk run: more than 4 clients ask of an uncached search in one run (about 2,000 a second for 8 s, lexical, at 200x).</summary>
    public const int SliceSize = 25_000;

    private int _next;

    /// <summary>Enough queries for <paramref name="runs"/> slices and the probe.</summary>
    public static DistinctQueries For(RunContext run, int runs) => new(LongTailFigures.Queries(run.Paths.Seed, SliceSize * (runs + 1)));

    // The probe uses the last query, so no measured slice asks it.
    public string Probe => Path(queries[^1]);

    /// <param name="fused">
    /// The pairs as two words ("a b", not "a OR b"): a query semantic ranking fuses, so each one's embedding is
    /// computed (an OR is ranked lexically and never embeds its words).
    /// </param>
    public IReadOnlyList<string> Next(bool fused = false)
    {
        var slice = queries.Skip(_next).Take(SliceSize).Select(q => Path(fused ? q.Replace(" OR ", " ", StringComparison.Ordinal) : q)).ToList();
        _next += SliceSize;
        return slice.Count == SliceSize ? slice : throw new InvalidOperationException("Out of distinct queries.");
    }

    private static string Path(string query) => $"/api/search?q={Uri.EscapeDataString(query)}";
}
