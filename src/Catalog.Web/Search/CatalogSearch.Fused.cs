using System.Buffers;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Search.Semantic;

namespace Catalog.Web.Search;

/// <summary>
/// The fused answer, when semantic ranking is available: the lexical ranking (all words, then most, then any) and the
/// links nearest the query's meaning, merged by weighted reciprocal rank fusion (<see cref="Fusion"/>). Only plain
/// queries are fused: phrases, OR, prefixes, exclusions and filters say exactly what the person wants, and are
/// answered lexically.
/// </summary>
public sealed partial class CatalogSearch
{
    private static bool IsFusable(SearchPlan plan, SearchRequest request) =>
        !request.Filters.Any
        && plan.Query.Excluded.Count == 0
        && plan.Query.Groups.All(g => g is [{ IsPhrase: false } term] && (!term.IsPrefix || term.IsTyping))
        && request.Page * request.PageSize <= RelaxedWindow;

    private async Task<SearchResults> FusedAsync(Matcher matcher, SearchPlan plan, SearchRequest request, bool withFacets, SameWork works, CancellationToken ct)
    {
        var sql = matcher.Sql;
        var shadowed = await works.ShadowedAsync(matcher, plan.AllWords, SearchFilters.None, ct);
        var allWords = matcher.InMemory(plan.AllWords, SearchFilters.None) is { } matches
            ? matches.LinkCount - shadowed.Count
            : (int)await (await matcher.OpenAsync(ct)).ScalarAsync(sql.Count(SearchFilters.None), ct,
                ("@match", sql.Match(plan.AllWords)), ("@shadowed", JsonSerializer.Serialize(shadowed)));
        List<long> lexical;
        List<long> topicIds;
        if (allWords < RelaxedWindow && plan.CanRelax)
        {
            (lexical, topicIds) = await RelaxedRankingAsync(matcher, plan, SearchFilters.None, ct);
        }
        else
        {
            lexical = [.. (await matcher.BestAsync(plan.AllWords, SearchFilters.None, links: true, RelaxedWindow, ct)).Select(r => r.Id)];
            topicIds = [.. (await matcher.BestAsync(plan.AllWords, SearchFilters.None, links: false, TopicLimit, ct)).Select(r => -r.Id)];
        }

        using var scores = await semantic!.ScoreAsync(plan.Correction?.SearchedFor ?? plan.Query.ToText(), ct);
        var ranked = works.Collapse(Fuse(lexical, scores.Nearest(RelaxedWindow, topics: false).Select(n => n.RowId).ToList(), semantic.Fusion));
        if (topicIds.Count == 0)
        {
            topicIds = [.. scores.Nearest(SuggestedTopicLimit, topics: true).Select(n => -n.RowId)];
        }

        var page = Page(ranked, request);
        var hits = works.Name(await PageHitsAsync(matcher, plan.AnyWord, page, ct));
        var topics = matcher.Cards.Refs(topicIds);
        var facets = withFacets ? await RelaxedFacetsAsync(matcher, ranked, ct) : null;
        return new SearchResults(plan.Query, ranked.Count, request.Page, request.PageSize, topics, hits, facets, allWords, plan.Correction);
    }

    /// <summary>Weighted reciprocal rank fusion of two rankings of ids (best first); ties keep the lexical order.</summary>
    public static List<long> Fuse(IReadOnlyList<long> lexical, IReadOnlyList<long> semantic, Fusion fusion)
    {
        // An entry for each place in either ranking, in the order they come (the lexical ranking first). Sorted by id,
        // an id's entries are one run that becomes one entry: its scores summed in that order, its lexical place and
        // its order the run's first (int.MaxValue when the lexical ranking does not have it). No dictionary, and the
        // entries in a pooled array: this runs for every fused search, on up to 400 ids.
        var pooled = ArrayPool<FusedEntry>.Shared.Rent(lexical.Count + semantic.Count);
        var entries = pooled.AsSpan(0, lexical.Count + semantic.Count);
        for (var i = 0; i < lexical.Count; i++)
        {
            entries[i] = new FusedEntry(lexical[i], fusion.LexicalWeight / (fusion.K + i + 1), i, i);
        }

        for (var i = 0; i < semantic.Count; i++)
        {
            entries[lexical.Count + i] = new FusedEntry(semantic[i], fusion.SemanticWeight / (fusion.K + i + 1), int.MaxValue, lexical.Count + i);
        }

        entries.Sort(static (a, b) => a.Id != b.Id ? a.Id.CompareTo(b.Id) : a.Order.CompareTo(b.Order));
        var count = 0;
        foreach (var entry in entries)
        {
            if (count > 0 && entries[count - 1].Id == entry.Id)
            {
                entries[count - 1].Score += entry.Score;
            }
            else
            {
                entries[count++] = entry;
            }
        }

        // A stable sort: ids equal in both keep the order they came in.
        var fused = entries[..count];
        fused.Sort(static (a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            c = c != 0 ? c : a.Lexical.CompareTo(b.Lexical);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        });

        var ranked = new List<long>(count);
        foreach (var entry in fused)
        {
            ranked.Add(entry.Id);
        }

        ArrayPool<FusedEntry>.Shared.Return(pooled);
        return ranked;
    }

    private record struct FusedEntry(long Id, double Score, int Lexical, int Order);
}
