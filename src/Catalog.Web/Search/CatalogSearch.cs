using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Search.Semantic;

namespace Catalog.Web.Search;

/// <summary>
/// The search queries behind /search and /api/search, on either database (<see cref="ISearchDialect"/>). On SQLite a
/// plain search is ranked in memory (<see cref="Matcher"/>, the version's postings) and its page named and its
/// snippets written from memory too (<see cref="LinkCards"/>, the postings' text). Otherwise, per request: one ranked
/// query for the page (bm25 on SQLite, ts_rank_cd on PostgreSQL; LIMIT/OFFSET; a snippet only for the rows returned),
/// one for matching topics, and one count (or, for the page, one facet query that also gives the count). Repeated
/// searches are answered by the output cache (Web/CatalogCache.cs), keyed by catalog version, before they get here.
/// </summary>
public sealed partial class CatalogSearch(CatalogDbContext db, SearchLexicons lexicons, SemanticRanking? semantic = null)
{
    /// <summary>Topics listed above the links.</summary>
    public const int TopicLimit = 5;

    private const int SuggestedTopicLimit = 3;

    public async Task<SearchResults> SearchAsync(SearchRequest request, bool withFacets, CancellationToken ct)
    {
        request = request.Clamped();
        var query = QueryParser.Parse(request.Text);
        if (query.IsEmpty)
        {
            return SearchResults.Empty(query, request);
        }

        // Opened at the first query: a search the version's memory answers opens no connection at all.
        var reads = SearchConnection.Of(db);
        var current = await lexicons.CurrentAsync(reads.OpenAsync, ct);
        var completions = await Vocabulary.CompletionsAsync(reads, query.Typing, current.Lexicon, ct);
        var plan = await SearchPlan.MakeAsync(reads, query, current.Lexicon, completions, ct);
        var works = current.Works;
        using var matcher = new Matcher(reads, current.Postings, current.Cards);
        return semantic is { Available: true } && IsFusable(plan, request)
            ? await FusedAsync(matcher, plan, request, withFacets, works, ct)
            : await RunAsync(matcher, plan, request, withFacets, works, ct);
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string text, int limit, CancellationToken ct)
    {
        var query = QueryParser.Parse(text);
        if (query.IsEmpty)
        {
            return [];
        }

        var reads = SearchConnection.Of(db);
        var connection = await reads.OpenAsync(ct);
        var sql = reads.Sql;
        // Topics first (a few), then links: ranked together, links would crowd out the topic they belong to.
        // No lexicon here: typeahead should not wait for the first read of a new version's.
        var match = query.ToFts5(await Vocabulary.CompletionsAsync(reads, query.Typing, lexicon: null, ct));
        var topics = await TopicsAsync(connection, match, Math.Min(SuggestedTopicLimit, limit), ct);
        var links = await connection.ListAsync(sql.SuggestedLinks,
            r => (Id: r.GetInt64(0), Url: r.GetString(1)), ct, ("@match", sql.Match(match)), ("@limit", limit - topics.Count));
        var labels = await LabelsAsync(connection, links.Select(r => r.Id), ct);
        return
        [
            .. topics.Select(t => new Suggestion("topic", t.Title, "/topics/" + Uri.EscapeDataString(t.Slug))),
            .. links.Select(r => new Suggestion("link", labels.GetValueOrDefault(r.Id) ?? r.Url, r.Url)),
        ];
    }

    /// <summary>
    /// Where to go when the search found nothing: the topics that any of the words (as prefixes) lead to, by
    /// their own title and intro or through the links they list, the best-ranked first.
    /// </summary>
    public async Task<IReadOnlyList<TopicRef>> ClosestTopicsAsync(SearchQuery query, CancellationToken ct)
    {
        var anyWord = string.Join(" OR ", query.Terms.Select(t => (t with { IsPrefix = !t.IsPhrase }).ToFts5()));
        if (anyWord.Length == 0)
        {
            return [];
        }

        // In memory where the version's postings can answer: ranking every match in SQL to keep 50 was about 100 ms for
        // the commonest words at the 200x catalog.
        var reads = SearchConnection.Of(db);
        var current = await lexicons.CurrentAsync(reads.OpenAsync, ct);
        using var matcher = new Matcher(reads, current.Postings, current.Cards);
        if (matcher.InMemory(anyWord, SearchFilters.None) is { } matches)
        {
            return current.Cards.Reached(matches.BestOfAll(ISearchDialect.ClosestHits), TopicLimit);
        }

        var connection = await reads.OpenAsync(ct);
        var sql = reads.Sql;
        return await connection.ListAsync(sql.ClosestTopics,
            r => new TopicRef(r.GetString(0), r.GetString(1)), ct, ("@match", sql.Match(anyWord)), ("@limit", TopicLimit));
    }

    /// <summary>The connection EF Core owns; it closes it when the request's context is disposed.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct) => db.OpenConnectionAsync(ct);

    private static async Task<SearchResults> RunAsync(
        Matcher matcher, SearchPlan plan, SearchRequest request, bool withFacets, SameWork works, CancellationToken ct)
    {
        var sql = matcher.Sql;
        var match = plan.AllWords;
        var shadowedIds = await works.ShadowedAsync(matcher, match, request.Filters, ct);
        // As SQL's @shadowed, only when a query needs it: in memory the ids themselves are enough.
        string? shadowedJson = null;
        string Shadowed() => shadowedJson ??= JsonSerializer.Serialize(shadowedIds);
        var pageEnd = request.Page * request.PageSize;
        bool Relaxes(int total) => total < pageEnd && plan.CanRelax && pageEnd <= RelaxedWindow;

        // In memory the count is known before the page: a relaxed answer skips the strict page altogether.
        var matches = matcher.InMemory(match, request.Filters);
        if (matches is not null && Relaxes(matches.LinkCount - shadowedIds.Count))
        {
            return await RelaxedAsync(matcher, plan, request, matches.LinkCount - shadowedIds.Count, withFacets, works, ct);
        }

        var shadowedSet = matches is null ? null : shadowedIds.ToHashSet();
        var hits = works.Name(matches is null
            ? await HitsAsync(matcher, match, request, Shadowed(), ct)
            : await PageHitsAsync(matcher, match, Page(matches.Best(pageEnd, links: true, shadowedSet).Select(b => b.RowId), request), ct));
        var facets = !withFacets ? null
            : matches is not null ? ToFacets(matcher.Cards.Facets(matches.LinkRowIds().Where(id => !shadowedSet!.Contains(id)), years: true))
            : await FacetsAsync(await matcher.OpenAsync(ct), match, request.Filters, Shadowed(), ct);
        var total = facets is not null ? facets.Kinds.Sum(k => k.Count)
            : matches is not null ? matches.LinkCount - shadowedIds.Count
            : request.Page == 1 && hits.Count < request.PageSize ? hits.Count
            : (int)await (await matcher.OpenAsync(ct)).ScalarAsync(sql.Count(request.Filters), ct,
                [("@match", sql.Match(match)), ("@shadowed", Shadowed()), .. request.Filters.Parameters]);
        if (Relaxes(total))
        {
            return await RelaxedAsync(matcher, plan, request, total, withFacets, works, ct);
        }

        // After the relaxed answer's turn: it ranks its own topics, and would throw these away.
        var topics = await TopicsAsync(matcher, match, TopicLimit, ct);
        return new SearchResults(plan.Query, total, request.Page, request.PageSize, topics, hits, facets, total, plan.Correction);
    }

    /// <summary>The request's page of a ranking.</summary>
    private static List<long> Page(IEnumerable<long> ranked, SearchRequest request) =>
        [.. ranked.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)];

    private static async Task<List<SearchHit>> HitsAsync(Matcher matcher, string match, SearchRequest request, string shadowed, CancellationToken ct)
    {
        var connection = await matcher.OpenAsync(ct);
        var sql = matcher.Sql;
        var rows = await connection.ListAsync(sql.Hits(request.Filters),
            r => (Id: r.GetInt64(0), Url: r.GetString(1), Kind: r.GetString(2), Host: r.GetString(3), Snippet: r.GetString(4)),
            ct, [("@match", sql.Match(match)), ("@limit", request.PageSize), ("@offset", (request.Page - 1) * request.PageSize), ("@shadowed", shadowed),
                .. request.Filters.Parameters]);
        return rows.Select(r => matcher.Cards.Of(r.Id) is { } card
                ? new SearchHit(r.Url, card.Label, r.Kind, r.Host, card.Topics, Snippets.ToHtml(r.Snippet)) { LinkId = r.Id }
                : new SearchHit(r.Url, r.Url, r.Kind, r.Host, [], Snippets.ToHtml(r.Snippet)) { LinkId = r.Id })
            .ToList();
    }

    private static async Task<List<TopicRef>> TopicsAsync(Matcher matcher, string match, int limit, CancellationToken ct) =>
        matcher.InMemory(match, SearchFilters.None) is { } matches
            ? matcher.Cards.Refs(matches.Best(limit, links: false).Select(t => -t.RowId))
            : await TopicsAsync(await matcher.OpenAsync(ct), match, limit, ct);

    private static Task<List<TopicRef>> TopicsAsync(DbConnection connection, string match, int limit, CancellationToken ct)
    {
        var sql = ISearchDialect.Of(connection);
        return connection.ListAsync(sql.Topics,
            r => new TopicRef(r.GetString(0), r.GetString(1)), ct, ("@match", sql.Match(match)), ("@limit", limit));
    }

    // Typeahead's: it does not wait for a new version's cards to be read.
    private static async Task<Dictionary<long, string>> LabelsAsync(DbConnection connection, IEnumerable<long> ids, CancellationToken ct)
    {
        var sql = ISearchDialect.Of(connection);
        var rows = await connection.ListAsync(sql.Labels, r => (LinkId: r.GetInt64(0), Label: r.GetString(1)), ct, ("@ids", JsonSerializer.Serialize(ids)));
        return rows.GroupBy(r => r.LinkId).ToDictionary(g => g.Key, g => g.First().Label);
    }

    private static async Task<SearchFacets> FacetsAsync(DbConnection connection, string match, SearchFilters filters, string shadowed, CancellationToken ct)
    {
        var sql = ISearchDialect.Of(connection);
        return ToFacets(await connection.ListAsync(sql.Facets(filters),
            r => (Facet: r.GetString(0), Value: new FacetCount(r.GetString(1), r.GetString(2), r.GetInt32(3))),
            ct, [("@match", sql.Match(match)), ("@shadowed", shadowed), .. filters.Parameters]));
    }

    // The facet rows (the statement's, or the cards' in memory, in the same order) as the page lists them.
    private static SearchFacets ToFacets(List<(string Facet, FacetCount Value)> rows)
    {
        List<FacetCount> Of(string facet) => rows.Where(r => r.Facet == facet).Select(r => r.Value).OrderByDescending(v => v.Count).ToList();
        return new SearchFacets(Of("topic"), Of("kind"), Of("host"),
            [.. rows.Where(r => r.Facet == "year").Select(r => r.Value).OrderByDescending(v => v.Value, StringComparer.Ordinal)]);
    }
}
