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

        var text = plan.Correction?.SearchedFor ?? plan.Query.ToText();
        var nearest = semantic!.Nearest(text, RelaxedWindow, topics: false, ct);
        var ranked = works.Collapse(Fuse(lexical, nearest.Select(n => n.RowId).ToList(), semantic.Fusion));
        if (topicIds.Count == 0)
        {
            topicIds = [.. semantic.Nearest(text, SuggestedTopicLimit, topics: true, ct).Select(n => -n.RowId)];
        }

        var page = Page(ranked, request);
        var hits = works.Name(await PageHitsAsync(matcher, plan.AnyWord, page, ct));
        var topics = matcher.Cards.Refs(topicIds);
        var facets = withFacets ? await RelaxedFacetsAsync(await matcher.OpenAsync(ct), ranked, ct) : null;
        return new SearchResults(plan.Query, ranked.Count, request.Page, request.PageSize, topics, hits, facets, allWords, plan.Correction);
    }

    /// <summary>Weighted reciprocal rank fusion of two rankings of ids (best first); ties keep the lexical order.</summary>
    public static List<long> Fuse(IReadOnlyList<long> lexical, IReadOnlyList<long> semantic, Fusion fusion)
    {
        // Each id's fused score and its place in the lexical ranking (int.MaxValue when it has none).
        var fused = new Dictionary<long, (double Score, int Lexical)>(lexical.Count + semantic.Count);
        for (var i = 0; i < lexical.Count; i++)
        {
            var (score, place) = fused.GetValueOrDefault(lexical[i], (0, i));
            fused[lexical[i]] = (score + fusion.LexicalWeight / (fusion.K + i + 1), place);
        }

        for (var i = 0; i < semantic.Count; i++)
        {
            var (score, place) = fused.GetValueOrDefault(semantic[i], (0, int.MaxValue));
            fused[semantic[i]] = (score + fusion.SemanticWeight / (fusion.K + i + 1), place);
        }

        // A stable sort: ids equal in both keep the order they came in.
        return [.. fused.OrderByDescending(f => f.Value.Score).ThenBy(f => f.Value.Lexical).Select(f => f.Key)];
    }
}
