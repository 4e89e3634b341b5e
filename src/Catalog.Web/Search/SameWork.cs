using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Search.Postings;

namespace Catalog.Web.Search;

/// <summary>
/// One paper, one identity: links that are the same work (one canonical arXiv id or DOI, Links/Metadata/CanonicalId.cs)
/// are one search result. The best-ranked of them stands for the work and names the others (<see cref="SearchHit.AlsoAt"/>);
/// the rest are shadowed, out of the page, the count and the facets alike. Only links that share their id with another
/// link take part; the table is read once per catalog version (<see cref="SearchLexicons"/>).
/// </summary>
internal sealed class SameWork
{
    private readonly Dictionary<long, string> _workOf = [];
    private readonly Dictionary<string, List<(long Id, string Url)>> _links = new(StringComparer.Ordinal);

    // The ids of _workOf, ascending, the same as the JSON array @ids, and their places in the version's postings (null
    // without them): made once per catalog version, not once per search.
    private long[] _sortedIds = [];
    private string _ids = "[]";
    private int[]? _places;

    public bool IsEmpty => _workOf.Count == 0;

    /// <param name="postings">The same version's postings (SQLite), where the links' places are looked up once.</param>
    public static async Task<SameWork> ReadAsync(DbConnection connection, SearchPostings? postings, CancellationToken ct)
    {
        var sql = ISearchDialect.Of(connection);
        var works = new SameWork();
        foreach (var (id, url, work) in await connection.ListAsync(sql.SameWorkLinks, r => (r.GetInt64(0), r.GetString(1), r.GetString(2)), ct))
        {
            works._workOf[id] = work;
            if (!works._links.TryGetValue(work, out var links))
            {
                works._links[work] = links = [];
            }

            links.Add((id, url));
        }

        works._sortedIds = [.. works._workOf.Keys.Order()];
        works._ids = JsonSerializer.Serialize(works._sortedIds);
        works._places = postings?.PlacesOf(works._sortedIds);
        return works;
    }

    /// <summary>
    /// The links that match and pass the filters but have a better-ranked link of their work that does too (ties go to
    /// the older link), in id order: as JSON, the <c>@shadowed</c> of <see cref="ISearchDialect.Hits"/>, Count and Facets.
    /// </summary>
    public async Task<List<long>> ShadowedAsync(Matcher matcher, string match, SearchFilters filters, CancellationToken ct)
    {
        if (IsEmpty)
        {
            return [];
        }

        var matching = await matcher.RanksAsync(match, filters, _sortedIds, _places, _ids, ct);
        var best = new Dictionary<string, (long Id, double Rank)>(StringComparer.Ordinal);
        foreach (var (id, rank) in matching)
        {
            var work = _workOf[id];
            if (!best.TryGetValue(work, out var kept) || rank < kept.Rank || (rank == kept.Rank && id < kept.Id))
            {
                best[work] = (id, rank);
            }
        }

        return [.. matching.Where(m => best[_workOf[m.Id]].Id != m.Id).Select(m => m.Id)];
    }

    /// <summary>The ranking with each work's first link only, in the same order.</summary>
    public List<long> Collapse(IReadOnlyList<long> ranked)
    {
        if (IsEmpty)
        {
            return [.. ranked];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. ranked.Where(id => !_workOf.TryGetValue(id, out var work) || seen.Add(work))];
    }

    /// <summary>The hits, each naming the other URLs of its work.</summary>
    public List<SearchHit> Name(List<SearchHit> hits) => IsEmpty ? hits : [.. hits.Select(Named)];

    // Apart from Name's lambda: the closure over the hit for the inner one was made for every hit, of a work or not.
    private SearchHit Named(SearchHit hit) => _workOf.TryGetValue(hit.LinkId, out var work)
        ? hit with { AlsoAt = [.. _links[work].Where(l => l.Id != hit.LinkId).Select(l => l.Url)] }
        : hit;
}
