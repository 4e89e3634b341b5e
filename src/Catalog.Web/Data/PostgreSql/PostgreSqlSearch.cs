using Catalog.Web.Search;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>
/// Search on PostgreSQL (<see cref="ISearchDialect"/>): the table <c>search_index</c> (the PostgreSqlSearchIndex migration)
/// holds each document's text and a weighted <c>tsvector</c> under a GIN index; <c>@match</c> is a <c>tsquery</c>
/// translated from the app's match syntax (<see cref="TsQuery"/>), never raw text. The rank is
/// <c>ts_rank_cd</c> with the column weights FTS5's bm25 has on SQLite (title, quote, body, URL words), negated so
/// that, as there, the lower ranks first; snippets are <c>ts_headline</c> with the marks <see cref="Snippets"/> reads.
/// </summary>
public sealed partial class PostgreSqlSearch : ISearchDialect
{
    public static PostgreSqlSearch Instance { get; } = new();

    /// <summary>The text search configuration of the index: English stems, no stop words (FTS5's porter has none).</summary>
    public const string Configuration = "catalog_english";

    // ts_rank_cd's weights are {D, C, B, A}: URL words, body, quote, title, in the proportions of bm25(10, 4, 3, 1);
    // normalization 1 divides by the log of the document's length, as bm25 favours the shorter document.
    private const string Rank = "(-ts_rank_cd('{0.1, 0.3, 0.4, 1.0}', s.document, q, 1))::float8";

    private const string Query = $"to_tsquery('{Configuration}', @match) q";

    // FTS5's snippet(): one fragment of about 16 words around the matches, marked with U+E000 and U+E001.
    // ts_headline marks each word of a phrase on its own; FTS5 marks the phrase ("<mark>optimal transport</mark>",
    // a CJK run as one), so marks that only spaces, hyphens or CJK segmentation separate are joined.
    private const string Snippet = $"""
        regexp_replace(
            ts_headline('{Configuration}', s.title || E'\n' || s.quote || E'\n' || s.body || E'\n' || s.urlwords, q,
                'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "'),
            chr(57345) || '([ ' || chr(8203) || '-]*)' || chr(57344), '\1', 'g')
        """;

    public string Match(string expression) => TsQuery.FromFts5(expression);

    // The page's rows are ranked and cut first; only they are joined to their link and get a snippet.
    public string Hits(SearchFilters filters) => $"""
        SELECT p.rowid, l."Url", l."Kind", l."Host", {Snippet}
        FROM (
            SELECT s.rowid, {Rank} AS rank
            FROM {Query}, search_index s {LinksJoin(filters)}
            WHERE s.document @@ q AND s.rowid > 0 {Filters(filters)} {Unshadowed}
            ORDER BY rank, s.rowid LIMIT @limit OFFSET @offset) p
        JOIN search_index s ON s.rowid = p.rowid JOIN "Links" l ON l."Id" = p.rowid, {Query}
        ORDER BY p.rank, p.rowid
        """;

    public string Count(SearchFilters filters) => $"""
        SELECT count(*) FROM {Query}, search_index s {LinksJoin(filters)}
        WHERE s.document @@ q AND s.rowid > 0 {Filters(filters)} {Unshadowed}
        """;

    public string Topics => $"""
        SELECT t."Slug", t."Title" FROM {Query}, search_index s JOIN "Topics" t ON t."Id" = -s.rowid
        WHERE s.document @@ q AND s.rowid < 0
        ORDER BY {Rank}, s.rowid LIMIT @limit
        """;

    public string Labels => $"""
        SELECT "LinkId", "Label" FROM "Mentions"
        WHERE "LinkId" IN ({Ids("@ids")})
        ORDER BY "LinkId", "Place" = 'Quote', "Id"
        """;

    public string LinkCards => """
        SELECT l."Id", l."Url", l."Kind", l."Host", m."TopicId", m."Label", m."Place" = 'Quote', m."Id", lm."Year"
        FROM "Links" l LEFT JOIN "Mentions" m ON m."LinkId" = l."Id" LEFT JOIN "LinkMetadata" lm ON lm."Url" = l."Url"
        ORDER BY l."Id", m."Place" = 'Quote', m."Id"
        """;

    public string AllTopics => """SELECT "Id", "Slug", "Title" FROM "Topics" """;

    public string Facets(SearchFilters filters) => $"""
        WITH hits AS MATERIALIZED (
            SELECT s.rowid AS "Id", l."Kind", l."Host", l."Url"
            FROM {Query}, search_index s JOIN "Links" l ON l."Id" = s.rowid
            WHERE s.document @@ q AND s.rowid > 0 {Filters(filters)} {Unshadowed})
        {FacetsOf("hits")}
        UNION ALL
        (SELECT 'year', CAST(lm."Year" AS text), CAST(lm."Year" AS text), count(*)::int AS n
            FROM hits JOIN "LinkMetadata" lm ON lm."Url" = hits."Url" WHERE lm."Year" IS NOT NULL
            GROUP BY lm."Year" ORDER BY lm."Year" DESC LIMIT {ISearchDialect.FacetLimit})
        """;

    public string SuggestedLinks => $"""
        SELECT p.rowid, l."Url" FROM (
            SELECT s.rowid, {Rank} AS rank FROM {Query}, search_index s
            WHERE s.document @@ q AND s.rowid > 0
            ORDER BY rank, s.rowid LIMIT @limit) p
        JOIN "Links" l ON l."Id" = p.rowid
        ORDER BY p.rank, p.rowid
        """;

    public string ClosestTopics => $"""
        WITH hits AS (
            SELECT s.rowid AS "Id", {Rank} AS "Score" FROM {Query}, search_index s WHERE s.document @@ q ORDER BY 2, 1 LIMIT {ISearchDialect.ClosestHits}),
        reached AS (
            SELECT -"Id" AS "TopicId", "Score" FROM hits WHERE "Id" < 0
            UNION ALL
            SELECT m."TopicId", h."Score" FROM hits h JOIN "Mentions" m ON m."LinkId" = h."Id" WHERE h."Id" > 0)
        SELECT t."Slug", t."Title" FROM reached JOIN "Topics" t ON t."Id" = reached."TopicId"
        GROUP BY t."Id", t."Slug", t."Title" ORDER BY sum("Score"), t."Id" LIMIT @limit
        """;

    public string SameWorkLinks => """
        SELECT l."Id", l."Url", w."CanonicalId" FROM "LinkMetadata" w JOIN "Links" l ON l."Url" = w."Url"
        WHERE w."CanonicalId" IN (
            SELECT s."CanonicalId" FROM "LinkMetadata" s JOIN "Links" sl ON sl."Url" = s."Url"
            WHERE s."CanonicalId" IS NOT NULL GROUP BY s."CanonicalId" HAVING count(*) > 1)
        ORDER BY l."Id"
        """;

    public string SameWorkMatches(SearchFilters filters) => $"""
        SELECT s.rowid, {Rank} FROM {Query}, search_index s {LinksJoin(filters)}
        WHERE s.rowid IN ({Ids("@ids")}) AND s.document @@ q {Filters(filters)}
        """;

    public string LinkCandidates(SearchFilters filters) => $"""
        SELECT s.rowid, {Rank} AS rank FROM {Query}, search_index s {LinksJoin(filters)}
        WHERE s.document @@ q AND s.rowid > 0 {Filters(filters)}
        ORDER BY rank, s.rowid LIMIT @limit
        """;

    public string TopicCandidates => $"""
        SELECT s.rowid, {Rank} AS rank FROM {Query}, search_index s
        WHERE s.document @@ q AND s.rowid < 0
        ORDER BY rank, s.rowid LIMIT @limit
        """;

    public string Matching => $"""
        SELECT s.rowid FROM {Query}, search_index s
        WHERE s.rowid IN ({Ids("@ids")}) AND s.document @@ q
        """;

    public string TopicLinks(SearchFilters filters) => $"""
        SELECT m."LinkId", m."TopicId" FROM "Mentions" m JOIN "Links" l ON l."Id" = m."LinkId"
        WHERE m."TopicId" IN ({Ids("@topics")})
        {(filters.Kind is null ? "" : """AND l."Kind" = @kind""")} {(filters.Host is null ? "" : """AND l."Host" = @host""")}
        {(filters.Topic is null ? "" : """AND EXISTS (SELECT 1 FROM "Mentions" fm WHERE fm."LinkId" = l."Id" AND fm."TopicId" = (SELECT "Id" FROM "Topics" WHERE "Slug" = @topic))""")}
        ORDER BY m."Id"
        """;

    public string SnippetsByLookup => Snippets;

    public string Snippets => $"""
        SELECT s.rowid, {Snippet} FROM {Query}, search_index s
        WHERE s.rowid IN ({Ids("@ids")}) AND s.document @@ q
        """;


    public string FacetsOfIds { get; } = $"""
        WITH hits AS MATERIALIZED (SELECT "Id", "Kind", "Host" FROM "Links" WHERE "Id" IN ({Ids("@ids")}))
        {FacetsOf("hits")}
        """;

    // The links another link of the same work outranks (Search/SameWork.cs): one result per work.
    private static readonly string Unshadowed = $"AND s.rowid NOT IN ({Ids("@shadowed")})";

    /// <summary>The ids of a JSON array parameter, as a subquery.</summary>
    private static string Ids(string parameter) => $"SELECT CAST(jsonb_array_elements_text(CAST({parameter} AS jsonb)) AS bigint)";

    private static string FacetsOf(string hits) => $"""
        SELECT 'kind', "Kind", "Kind", count(*)::int FROM {hits} GROUP BY "Kind"
        UNION ALL
        (SELECT 'host', "Host", "Host", count(*)::int AS n FROM {hits} GROUP BY "Host" ORDER BY n DESC, "Host" COLLATE "C" LIMIT {ISearchDialect.FacetLimit})
        UNION ALL
        SELECT 'topic', t."Slug", t."Title", c.n FROM (
            SELECT m."TopicId", count(DISTINCT m."LinkId")::int AS n FROM {hits} JOIN "Mentions" m ON m."LinkId" = {hits}."Id"
            GROUP BY m."TopicId" ORDER BY n DESC, m."TopicId" LIMIT {ISearchDialect.FacetLimit}) c
        JOIN "Topics" t ON t."Id" = c."TopicId"
        """;

    private static string LinksJoin(SearchFilters filters) =>
        filters.Kind is null && filters.Host is null ? "" : """JOIN "Links" l ON l."Id" = s.rowid""";

    private static string Filters(SearchFilters filters) =>
        (filters.Kind is null ? "" : """ AND l."Kind" = @kind""")
        + (filters.Host is null ? "" : """ AND l."Host" = @host""")
        + (filters.Topic is null ? "" : """
             AND EXISTS (SELECT 1 FROM "Mentions" fm WHERE fm."LinkId" = s.rowid
                         AND fm."TopicId" = (SELECT "Id" FROM "Topics" WHERE "Slug" = @topic))
            """)
        + (filters.Year is null ? "" : """
             AND EXISTS (SELECT 1 FROM "Links" yl JOIN "LinkMetadata" ym ON ym."Url" = yl."Url"
                         WHERE yl."Id" = s.rowid AND ym."Year" = CAST(@year AS integer))
            """);
}
