using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Search.Postings;

namespace Catalog.Web.Search;

/// <summary>
/// The relaxed answer, when the links matching every clause do not fill the page: the best <see cref="RelaxedWindow"/>
/// links matching any clause (bm25), in bands by the clauses each matches (all, then most, then any), bm25 within a
/// band. A clause counts its <see cref="SearchClause.Weight"/> (its rarity) when matched as typed,
/// <see cref="SearchClause.CorrectedWeight"/> of that when only its respelling matches. A topic that matches every
/// clause (a name in its intro, say) lends its links <see cref="InheritedWeight"/> of each clause they miss, so they
/// rank up, and join the answer if they matched nothing themselves.
/// </summary>
public sealed partial class CatalogSearch
{
    /// <summary>How many links a relaxed answer ranks at most (ten pages of the default size).</summary>
    public const int RelaxedWindow = 200;

    // Less than half: a link that matches one of two words itself stays above the links that only inherit.
    private const double InheritedWeight = 0.45;

    // Clause weights add up to the clause count, give or take rounding.
    private const double FullTolerance = 1e-9;

    // A document of the relaxed ranking: a value in a list, its band added up in place; At is its place in the list
    // before the ranking sorts it, the last tie-break, so the sort keeps the order equal documents came in.
    private struct Candidate(long id, double rank, bool own)
    {
        public readonly long Id = id;
        public readonly double Rank = rank;
        public readonly bool Own = own;
        public double Band;
        public int Order;
        public int At;
    }

    private static async Task<SearchResults> RelaxedAsync(
        Matcher matcher, SearchPlan plan, SearchRequest request, int allWordsTotal, bool withFacets, SameWork works, CancellationToken ct)
    {
        var (relaxed, topicIds) = await RelaxedRankingAsync(matcher, plan, request.Filters, ct);
        var ranked = works.Collapse(relaxed);
        var page = Page(ranked, request);
        var hits = works.Name(await PageHitsAsync(matcher, plan.AnyWord, page, ct));
        var topicRefs = matcher.Cards.Refs(topicIds);
        var facets = withFacets ? await RelaxedFacetsAsync(matcher, ranked, ct) : null;
        return new SearchResults(plan.Query, ranked.Count, request.Page, request.PageSize, topicRefs, hits, facets, allWordsTotal, plan.Correction);
    }

    /// <summary>The relaxed ranking of links (ids, best first) and of topics (ids), before any page is cut from it.</summary>
    private static async Task<(List<long> Links, List<long> Topics)> RelaxedRankingAsync(
        Matcher matcher, SearchPlan plan, SearchFilters filters, CancellationToken ct)
    {
        var bestLinks = await matcher.BestAsync(plan.AnyWord, filters, links: true, RelaxedWindow, ct);
        var bestTopics = await matcher.BestAsync(plan.AnyWord, filters, links: false, TopicLimit, ct);
        var documents = new List<Candidate>(bestLinks.Count + bestTopics.Count);
        foreach (var (id, rank) in bestLinks.Concat(bestTopics))
        {
            documents.Add(new Candidate(id, rank, own: true));
        }

        await BandAsync(matcher, plan, documents, ct);
        // The topics leave the list, which goes on as the links' (the candidates are values: no copies of it).
        var topics = documents.GetRange(bestLinks.Count, bestTopics.Count);
        documents.RemoveRange(bestLinks.Count, bestTopics.Count);
        var full = plan.Clauses.Count;
        var fullTopics = topics.Where(t => t.Band >= full - FullTolerance).Select(t => -t.Id).ToList();
        await InheritAsync(matcher, plan, documents, fullTopics, filters, ct);

        return (Ranked(documents), topics.OrderByDescending(t => t.Band).ThenBy(t => t.Rank).Select(t => -t.Id).ToList());
    }

    // The links' ids best first: by band, a link's own match before an inherited one, bm25, then its topic's order. The
    // list sorted in place, its places the last tie-break (equal links keep the order they came in), without the arrays
    // LINQ's ordering keeps for each of the four keys or a copy of the list: this runs for every relaxed and every fused
    // search.
    private static List<long> Ranked(List<Candidate> candidates)
    {
        var all = CollectionsMarshal.AsSpan(candidates);
        for (var i = 0; i < all.Length; i++)
        {
            all[i].At = i;
        }

        all.Sort(static (a, b) =>
        {
            var c = b.Band.CompareTo(a.Band);
            c = c != 0 ? c : b.Own.CompareTo(a.Own);
            c = c != 0 ? c : a.Rank.CompareTo(b.Rank);
            c = c != 0 ? c : a.Order.CompareTo(b.Order);
            return c != 0 ? c : a.At.CompareTo(b.At);
        });

        var ids = new List<long>(all.Length);
        foreach (ref readonly var candidate in all)
        {
            ids.Add(candidate.Id);
        }

        return ids;
    }

    // Sets each document's band: the clauses it matches as typed, plus those only its respelling matches.
    private static async Task BandAsync(Matcher matcher, SearchPlan plan, List<Candidate> documents, CancellationToken ct)
    {
        // Read only where the database answers: in memory each document is tested as it comes.
        var ids = documents.Select(d => d.Id);
        foreach (var clause in plan.Clauses)
        {
            var exact = await matcher.MatchingAsync(clause.ExactFts5, ids, ct);
            var corrected = clause.Corrected is null ? null : await matcher.MatchingAsync(clause.Corrected, ids, ct);
            foreach (ref var document in CollectionsMarshal.AsSpan(documents))
            {
                if (exact(document.Id))
                {
                    document.Band += clause.Weight;
                }
                else if (corrected is not null && corrected(document.Id))
                {
                    document.Band += clause.Weight * SearchClause.CorrectedWeight;
                }
            }
        }
    }

    // Links of the topics that match every clause: half a clause for each clause they miss themselves. The links in
    // their order, then those only a topic lists, in the order it lists them, added to the same list.
    private static async Task InheritAsync(
        Matcher matcher, SearchPlan plan, List<Candidate> candidates, List<long> topicIds, SearchFilters filters, CancellationToken ct)
    {
        if (topicIds.Count == 0)
        {
            return;
        }

        // Without filters the version's cards know what each topic lists; a filter is the database's to apply.
        var listed = filters.Any ? (await ListedAsync(matcher, topicIds, filters, ct)).Distinct() : matcher.Cards.ListedBy(topicIds);
        var at = new Dictionary<long, int>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            at.TryAdd(candidates[i].Id, i);
        }

        var full = plan.Clauses.Count;
        var order = 0;
        foreach (var id in listed)
        {
            if (!at.TryGetValue(id, out var i))
            {
                at[id] = i = candidates.Count;
                candidates.Add(new Candidate(id, 0, own: false) { Order = order });
            }

            ref var link = ref CollectionsMarshal.AsSpan(candidates)[i];
            link.Band += (full - link.Band) * InheritedWeight;
            order++;
        }
    }

    private static async Task<List<long>> ListedAsync(Matcher matcher, List<long> topicIds, SearchFilters filters, CancellationToken ct) =>
        await (await matcher.OpenAsync(ct)).ListAsync(matcher.Sql.TopicLinks(filters), r => r.GetInt64(0), ct,
            [("@topics", JsonSerializer.Serialize(topicIds)), .. filters.Parameters]);

    private static async Task<List<SearchHit>> PageHitsAsync(Matcher matcher, string match, List<long> page, CancellationToken ct)
    {
        var snippets = await SnippetsAsync(matcher, match, page, ct);
        return [.. page.Select(id => (Id: id, Card: matcher.Cards.Of(id))).Where(h => h.Card is not null).Select(h =>
            new SearchHit(h.Card!.Url, h.Card.Label, h.Card.Kind, h.Card.Host, h.Card.Topics, Snippets.ToHtml(snippets.GetValueOrDefault(h.Id) ?? "")) { LinkId = h.Id })];
    }

    // Written in memory when the version's postings are (SQLite), from the page's text they keep; else, and for a text
    // the writer leaves to the database, by the database's snippet function. As there, a document that does not match
    // (a link found by meaning alone) has none.
    private static async Task<Dictionary<long, string>> SnippetsAsync(Matcher matcher, string match, List<long> page, CancellationToken ct)
    {
        var snippets = new Dictionary<long, string>(page.Count);
        var left = page;
        if (matcher.Postings is { } postings && matcher.InMemory(match, SearchFilters.None) is { } matches)
        {
            left = [.. page.Where(matches.Contains)];
            var scratch = new SnippetWriter.Scratch();
            foreach (var id in left)
            {
                if (postings.SnippetOf(matches, id, scratch) is { } snippet)
                {
                    snippets[id] = snippet;
                }
            }

            left = [.. left.Where(id => !snippets.ContainsKey(id))];
        }

        if (left.Count > 0)
        {
            var sql = matcher.Sql;
            foreach (var (id, snippet) in await (await matcher.OpenAsync(ct)).ListAsync(IsPrefixFree(match) ? sql.SnippetsByLookup : sql.Snippets,
                r => (Id: r.GetInt64(0), Snippet: r.GetString(1)), ct, ("@match", sql.Match(match)), ("@ids", JsonSerializer.Serialize(left))))
            {
                snippets[id] = snippet;
            }
        }

        return snippets;
    }

    // A prefix's every lookup merges all its terms' doclists again: with one, a single pass over the match costs less
    // (measured at the 200x catalog, distinct searches: 2.6 ms of CPU each with the pass, 3.3 ms with lookups).
    private static bool IsPrefixFree(string match) => !match.Contains('*', StringComparison.Ordinal);

    // From the cards when the version's postings are in memory (SQLite); on PostgreSQL, whose collation orders hosts,
    // from the database.
    private static async Task<SearchFacets> RelaxedFacetsAsync(Matcher matcher, IEnumerable<long> ids, CancellationToken ct)
    {
        if (matcher.Postings is not null)
        {
            return ToFacets(matcher.Cards.Facets(ids, years: false));
        }

        var connection = await matcher.OpenAsync(ct);
        return ToFacets(await connection.ListAsync(matcher.Sql.FacetsOfIds,
            r => (Facet: r.GetString(0), Value: new FacetCount(r.GetString(1), r.GetString(2), r.GetInt32(3))),
            ct, ("@ids", JsonSerializer.Serialize(ids))));
    }
}
