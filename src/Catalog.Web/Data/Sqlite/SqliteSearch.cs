using Catalog.Web.Search;

namespace Catalog.Web.Data.Sqlite;

/// <summary>
/// Search on SQLite's FTS5 (<see cref="ISearchDialect"/>): the SQL of every search query, in one place so tests can
/// check their plans (EXPLAIN QUERY PLAN). All user input is a parameter: <c>@match</c> is an expression built by
/// <see cref="SearchQuery.ToFts5"/>, never raw text, and FTS5 runs it as it is. The table's rank is bm25 with the
/// column weights of the SearchByResult migration.
/// </summary>
public sealed partial class SqliteSearch : ISearchDialect
{
    public static SqliteSearch Instance { get; } = new();

    public string Match(string expression) => expression;

    private const string LinkRows = "search_index.rowid > 0";

    // The links another link of the same work outranks (SameWork.cs): one result per work.
    private const string Unshadowed = "AND search_index.rowid NOT IN (SELECT value FROM json_each(@shadowed))";

    // CROSS JOIN keeps the FTS5 table the outer loop, so it hands rows over in rank order (no sort in SQLite) and
    // only the rows within LIMIT/OFFSET ever compute a snippet.
    public string Hits(SearchFilters filters) => $"""
        SELECT search_index.rowid, l.Url, l.Kind, l.Host,
               snippet(search_index, -1, char(57344), char(57345), '…', 16)
        FROM search_index CROSS JOIN Links l ON l.Id = search_index.rowid
        WHERE search_index MATCH @match AND {LinkRows} {Filters(filters)} {Unshadowed}
        ORDER BY search_index.rank LIMIT @limit OFFSET @offset
        """;

    public string Count(SearchFilters filters) => $"""
        SELECT count(*) FROM search_index {LinksJoin(filters)}
        WHERE search_index MATCH @match AND {LinkRows} {Filters(filters)} {Unshadowed}
        """;

    public string Topics => """
        SELECT t.Slug, t.Title FROM search_index CROSS JOIN Topics t ON t.Id = -search_index.rowid
        WHERE search_index MATCH @match AND search_index.rowid < 0
        ORDER BY search_index.rank LIMIT @limit
        """;

    /// <summary>A quote's mention (its label is the quote cut short) last.</summary>
    public string Labels => """
        SELECT LinkId, Label FROM Mentions
        WHERE LinkId IN (SELECT value FROM json_each(@ids))
        ORDER BY LinkId, Place = 'Quote', Id
        """;

    public string LinkCards => """
        SELECT l.Id, l.Url, l.Kind, l.Host, m.TopicId, m.Label, m.Place = 'Quote', m.Id, lm.Year
        FROM Links l LEFT JOIN Mentions m ON m.LinkId = l.Id LEFT JOIN LinkMetadata lm ON lm.Url = l.Url
        ORDER BY l.Id, m.Place = 'Quote', m.Id
        """;

    public string AllTopics => "SELECT Id, Slug, Title FROM Topics";

    /// <summary>One pass over the matching links (kind and host read once per hit), grouped three ways.</summary>
    public string Facets(SearchFilters filters) => $"""
        WITH hits AS MATERIALIZED (
            SELECT search_index.rowid AS Id, l.Kind, l.Host, l.Url
            FROM search_index CROSS JOIN Links l ON l.Id = search_index.rowid
            WHERE search_index MATCH @match AND {LinkRows} {Filters(filters)} {Unshadowed})
        {FacetsOf("hits")}
        UNION ALL
        SELECT * FROM (SELECT 'year', CAST(lm.Year AS TEXT), CAST(lm.Year AS TEXT), count(*) AS n
            FROM hits JOIN LinkMetadata lm ON lm.Url = hits.Url WHERE lm.Year IS NOT NULL
            GROUP BY lm.Year ORDER BY lm.Year DESC LIMIT {ISearchDialect.FacetLimit})
        """;

    public string SuggestedLinks => """
        SELECT search_index.rowid, l.Url FROM search_index CROSS JOIN Links l ON l.Id = search_index.rowid
        WHERE search_index MATCH @match AND search_index.rowid > 0
        ORDER BY search_index.rank LIMIT @limit
        """;

    /// <summary>Topics reached by the best <see cref="ISearchDialect.ClosestHits"/> documents, directly or through the links they list.</summary>
    public string ClosestTopics => $"""
        WITH hits AS (
            SELECT rowid AS Id, rank AS Score FROM search_index WHERE search_index MATCH @match ORDER BY rank LIMIT {ISearchDialect.ClosestHits}),
        reached AS (
            SELECT -Id AS TopicId, Score FROM hits WHERE Id < 0
            UNION ALL
            SELECT m.TopicId, h.Score FROM hits h JOIN Mentions m ON m.LinkId = h.Id WHERE h.Id > 0)
        SELECT t.Slug, t.Title FROM reached JOIN Topics t ON t.Id = reached.TopicId
        GROUP BY t.Id ORDER BY sum(Score), t.Id LIMIT @limit
        """;

    /// <summary>The links whose canonical id (LinkMetadata) another link of the catalog shares, by work.</summary>
    public string SameWorkLinks => """
        SELECT l.Id, l.Url, w.CanonicalId FROM LinkMetadata w CROSS JOIN Links l ON l.Url = w.Url
        WHERE w.CanonicalId IN (
            SELECT s.CanonicalId FROM LinkMetadata s CROSS JOIN Links sl ON sl.Url = s.Url
            WHERE s.CanonicalId IS NOT NULL GROUP BY s.CanonicalId HAVING count(*) > 1)
        ORDER BY l.Id
        """;

    /// <summary>Which of those links match, with their rank: one pass over the match, filtered by <see cref="AmongIds"/>.</summary>
    public string SameWorkMatches(SearchFilters filters) => $"""
        SELECT search_index.rowid, search_index.rank FROM search_index {LinksJoin(filters)}
        WHERE search_index MATCH @match AND {AmongIds} {Filters(filters)}
        """;

    /// <summary>
    /// The documents among <c>@ids</c>, tested on the rows the match yields. The unary plus keeps SQLite from handing
    /// the rowids to FTS5 as lookups: FTS5 then evaluates the whole expression once per id, and a prefix term
    /// ("theories*") merges every doclist of its prefix again for each id (see the
    /// benchmarks README, "Search: uncached distinct queries"). One pass over the match costs what one lookup did.
    /// </summary>
    private const string AmongIds = "+search_index.rowid IN (SELECT value FROM json_each(@ids))";

    /// <summary>The kind, host and topic facets of the links (Id, Kind, Host) in the table <paramref name="hits"/>.</summary>
    private static string FacetsOf(string hits) => $"""
        SELECT 'kind', Kind, Kind, count(*) FROM {hits} GROUP BY Kind
        UNION ALL
        SELECT * FROM (SELECT 'host', Host, Host, count(*) AS n FROM {hits} GROUP BY Host ORDER BY n DESC, Host LIMIT {ISearchDialect.FacetLimit})
        UNION ALL
        SELECT 'topic', t.Slug, t.Title, c.n FROM (
            SELECT m.TopicId, count(DISTINCT m.LinkId) AS n FROM {hits} CROSS JOIN Mentions m ON m.LinkId = {hits}.Id
            GROUP BY m.TopicId ORDER BY n DESC, m.TopicId LIMIT {ISearchDialect.FacetLimit}) c
        JOIN Topics t ON t.Id = c.TopicId
        """;

    private static string LinksJoin(SearchFilters filters) =>
        filters.Kind is null && filters.Host is null ? "" : "CROSS JOIN Links l ON l.Id = search_index.rowid";

    private static string Filters(SearchFilters filters) =>
        (filters.Kind is null ? "" : " AND l.Kind = @kind")
        + (filters.Host is null ? "" : " AND l.Host = @host")
        + (filters.Topic is null ? "" : """
             AND EXISTS (SELECT 1 FROM Mentions fm WHERE fm.LinkId = search_index.rowid
                         AND fm.TopicId = (SELECT Id FROM Topics WHERE Slug = @topic))
            """)
        + (filters.Year is null ? "" : """
             AND EXISTS (SELECT 1 FROM Links yl JOIN LinkMetadata ym ON ym.Url = yl.Url
                         WHERE yl.Id = search_index.rowid AND ym.Year = CAST(@year AS INTEGER))
            """);
}
