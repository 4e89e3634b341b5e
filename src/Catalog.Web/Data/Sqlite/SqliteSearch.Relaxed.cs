using Catalog.Web.Search;

namespace Catalog.Web.Data.Sqlite;

/// <summary>The SQL of the relaxed answer (Search/CatalogSearch.Relaxed.cs): candidates by bm25, which clauses each matches, and their page.</summary>
public sealed partial class SqliteSearch
{
    public string LinkCandidates(SearchFilters filters) => $"""
        SELECT search_index.rowid, search_index.rank FROM search_index {LinksJoin(filters)}
        WHERE search_index MATCH @match AND search_index.rowid > 0 {Filters(filters)}
        ORDER BY search_index.rank LIMIT @limit
        """;

    public string TopicCandidates => """
        SELECT search_index.rowid, search_index.rank FROM search_index
        WHERE search_index MATCH @match AND search_index.rowid < 0
        ORDER BY search_index.rank LIMIT @limit
        """;

    /// <summary>Which of the given documents match (<see cref="AmongIds"/>).</summary>
    public string Matching => $"""
        SELECT rowid FROM search_index
        WHERE search_index MATCH @match AND {AmongIds}
        """;

    /// <summary>The links listed under the given topics, in the order the topics list them.</summary>
    public string TopicLinks(SearchFilters filters) => $"""
        SELECT m.LinkId, m.TopicId FROM Mentions m CROSS JOIN Links l ON l.Id = m.LinkId
        WHERE m.TopicId IN (SELECT value FROM json_each(@topics))
        {(filters.Kind is null ? "" : "AND l.Kind = @kind")} {(filters.Host is null ? "" : "AND l.Host = @host")}
        {(filters.Topic is null ? "" : "AND EXISTS (SELECT 1 FROM Mentions fm WHERE fm.LinkId = l.Id AND fm.TopicId = (SELECT Id FROM Topics WHERE Slug = @topic))")}
        ORDER BY m.Id
        """;

    public string Snippets => $"""
        SELECT rowid, snippet(search_index, -1, char(57344), char(57345), '…', 16) FROM search_index
        WHERE search_index MATCH @match AND {AmongIds}
        """;

    // Without the unary plus, SQLite hands FTS5 the rowids one by one.
    public string SnippetsByLookup => """
        SELECT rowid, snippet(search_index, -1, char(57344), char(57345), '…', 16) FROM search_index
        WHERE search_index MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))
        """;


    /// <summary>The facets of a given set of links (<see cref="Facets"/> for a MATCH).</summary>
    public string FacetsOfIds { get; } = $"""
        WITH hits AS MATERIALIZED (SELECT Id, Kind, Host FROM Links WHERE Id IN (SELECT value FROM json_each(@ids)))
        {FacetsOf("hits")}
        """;
}
