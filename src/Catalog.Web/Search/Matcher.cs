using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Search.Postings;

namespace Catalog.Web.Search;

/// <summary>
/// What one search asks of its match expressions (the best documents, which of some documents match, how many links
/// match), answered from the in-memory postings when they can (<see cref="SearchPostings"/>: SQLite, no filters, an
/// expression of single words and prefixes), else by the database's SQL (<see cref="ISearchDialect"/>). Both answer
/// alike, order and ties included. An expression is evaluated once per search, however often it is asked about.
/// It also carries what the search names its hits and topics by: the version's <see cref="LinkCards"/>.
/// </summary>
internal sealed class Matcher(SearchConnection reads, SearchPostings? postings, LinkCards cards) : IDisposable
{
    private readonly ISearchDialect _sql = reads.Sql;
    private readonly Dictionary<string, MatchSet?> _evaluated = new(StringComparer.Ordinal);

    /// <summary>The database's SQL, for the queries memory cannot answer.</summary>
    public ISearchDialect Sql => _sql;

    /// <summary>The search's connection, opened at its first query.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct) => reads.OpenAsync(ct);

    public LinkCards Cards => cards;

    /// <summary>The version's postings (SQLite), or null.</summary>
    public SearchPostings? Postings => postings;

    /// <summary>The matches of <paramref name="match"/> in memory, or null when the database must answer.</summary>
    public MatchSet? InMemory(string match, SearchFilters filters)
    {
        if (postings is null || filters.Any)
        {
            return null;
        }

        if (!_evaluated.TryGetValue(match, out var matches))
        {
            _evaluated[match] = matches = postings.Evaluate(match);
        }

        return matches;
    }

    /// <summary>The best <paramref name="limit"/> links (passing the filters) or topics, with their rank, best first.</summary>
    public async Task<List<(long Id, double Rank)>> BestAsync(string match, SearchFilters filters, bool links, int limit, CancellationToken ct)
    {
        if (InMemory(match, links ? filters : SearchFilters.None) is { } matches)
        {
            return matches.Best(limit, links);
        }

        var connection = await reads.OpenAsync(ct);
        return links
            ? await connection.ListAsync(_sql.LinkCandidates(filters), r => (r.GetInt64(0), r.GetDouble(1)), ct,
                [("@match", _sql.Match(match)), ("@limit", limit), .. filters.Parameters])
            : await connection.ListAsync(_sql.TopicCandidates, r => (r.GetInt64(0), r.GetDouble(1)), ct,
                ("@match", _sql.Match(match)), ("@limit", limit));
    }

    /// <summary>
    /// Whether a document of <paramref name="ids"/> matches: in memory the postings' own test (no set is built for a
    /// question asked once per document), else the set of those the database finds.
    /// </summary>
    public async Task<Func<long, bool>> MatchingAsync(string match, IEnumerable<long> ids, CancellationToken ct)
    {
        if (InMemory(match, SearchFilters.None) is { } matches)
        {
            return matches.Contains;
        }

        var found = await (await reads.OpenAsync(ct)).ListAsync(_sql.Matching, r => r.GetInt64(0), ct, ("@match", _sql.Match(match)), ("@ids", JsonSerializer.Serialize(ids)));
        return found.ToHashSet().Contains;
    }

    /// <summary>
    /// The links of <paramref name="ids"/> (ascending; <paramref name="places"/>, their places in these postings when
    /// known; <paramref name="idsJson"/>, the same as JSON) that match and pass the filters, with their rank.
    /// </summary>
    public async Task<List<(long Id, double Rank)>> RanksAsync(
        string match, SearchFilters filters, long[] ids, int[]? places, string idsJson, CancellationToken ct)
    {
        if (InMemory(match, filters) is { } matches)
        {
            return places is null ? matches.RanksOf(ids) : matches.RanksOf(ids, places);
        }

        return await (await reads.OpenAsync(ct)).ListAsync(_sql.SameWorkMatches(filters), r => (r.GetInt64(0), r.GetDouble(1)), ct,
            [("@match", _sql.Match(match)), ("@ids", idsJson), .. filters.Parameters]);
    }

    /// <summary>The search is done: its matches give their pooled arrays back.</summary>
    public void Dispose()
    {
        foreach (var matches in _evaluated.Values)
        {
            matches?.Release();
        }
    }
}
