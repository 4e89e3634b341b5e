using System.Data.Common;
using Catalog.Web.Data.PostgreSql;
using Catalog.Web.Data.Sqlite;
using Npgsql;

namespace Catalog.Web.Search;

/// <summary>
/// What search needs from each database: the SQL of its queries, the translation of a match expression into the
/// database's own, and the writing of its index. Everything above (parsing, the relaxation bands, typo repair, acronyms,
/// same-work shadowing, facets, fusion) is shared. Match expressions are written in one syntax, FTS5's subset that
/// <see cref="SearchTerm.ToFts5"/>, <see cref="SearchQuery.ToFts5"/> and <see cref="SearchPlan"/> write (quoted terms,
/// a trailing <c>*</c>, AND, OR, NOT, parentheses); SQLite runs it as it is (Data/Sqlite/SqliteSearch), PostgreSQL
/// translates it to a <c>tsquery</c> (Data/PostgreSql/PostgreSqlSearch).
/// Every query reads the match as <c>@match</c> and id lists as JSON arrays (<c>@ids</c>, <c>@shadowed</c>, ...).
/// Documents: rowid = Links.Id for a link, -Topics.Id for a topic; a lower rank is a better match.
/// </summary>
public interface ISearchDialect
{
    /// <summary>How many hosts, topics and years a facet lists at most, on either database.</summary>
    const int FacetLimit = 10;

    /// <summary>How many of a match's best documents <see cref="ClosestTopics"/> reaches topics from.</summary>
    const int ClosestHits = 50;

    /// <summary>The value of <c>@match</c> for an expression in the app's match syntax.</summary>
    string Match(string expression);

    /// <summary>A page of links (rowid, Url, Kind, Host, snippet) in rank order: <c>@limit</c>, <c>@offset</c>, <c>@shadowed</c>, the filters.</summary>
    string Hits(SearchFilters filters);

    string Count(SearchFilters filters);

    /// <summary>Slug and title of the best <c>@limit</c> matching topics.</summary>
    string Topics { get; }

    /// <summary>LinkId and Label of the mentions of the links in <c>@ids</c>, each link's first the one that labels it (typeahead's: it does not wait for a version's <see cref="LinkCards"/>).</summary>
    string Labels { get; }

    /// <summary>
    /// Every link's Id, Url, Kind and Host with each of its mentions' TopicId, Label, whether it is a quote's and Id (nulls
    /// for a link without one), by link, each link's mentions in the order its hit names its topics (quotes last).
    /// </summary>
    string LinkCards { get; }

    /// <summary>Id, Slug and Title of every topic.</summary>
    string AllTopics { get; }

    /// <summary>Facet, value, label, count of the matching links.</summary>
    string Facets(SearchFilters filters);

    string SuggestedLinks { get; }

    /// <summary>Topics reached by the best documents of <c>@match</c>, directly or through the links they list.</summary>
    string ClosestTopics { get; }

    /// <summary>The links whose canonical id another link of the catalog shares: Id, Url, CanonicalId.</summary>
    string SameWorkLinks { get; }

    /// <summary>Which links of <c>@ids</c> match, with their rank.</summary>
    string SameWorkMatches(SearchFilters filters);

    /// <summary>The relaxed answer's candidate links: rowid and rank, best <c>@limit</c>.</summary>
    string LinkCandidates(SearchFilters filters);

    string TopicCandidates { get; }

    /// <summary>Which documents of <c>@ids</c> match.</summary>
    string Matching { get; }

    /// <summary>The links listed under the topics of <c>@topics</c>, in the order the topics list them.</summary>
    string TopicLinks(SearchFilters filters);

    /// <summary>rowid and snippet of the documents of <c>@ids</c> that match.</summary>
    string Snippets { get; }

    /// <summary>
    /// <see cref="Snippets"/>, each id looked up in the index rather than read from one pass over the match: far
    /// cheaper for a page of ids when the match has no prefix, whose every lookup merges all its terms' doclists.
    /// </summary>
    string SnippetsByLookup { get; }

    /// <summary>The facets (kind, host, topic) of the links in <c>@ids</c>.</summary>
    string FacetsOfIds { get; }

    /// <summary>Words (folded, unstemmed) from <c>@from</c> to before <c>@to</c>, with the documents they are in: term, doc.</summary>
    string WordRange { get; }

    /// <summary>The <c>@limit</c> most frequent words from <c>@prefix</c> to before <c>@end</c>.</summary>
    string Completions { get; }

    /// <summary>1 when <c>@word</c> is a word of the catalog, else 0.</summary>
    string IsWord { get; }

    /// <summary>1 when a word of the catalog starts with <c>@word</c> (ends before <c>@end</c>), else 0.</summary>
    string IsPrefix { get; }

    /// <summary>How many documents match.</summary>
    string MatchCount { get; }

    /// <summary>How many documents match, counting no further than two.</summary>
    string MatchCountUpToTwo { get; }

    /// <summary>Every word with the documents it is in: term, doc.</summary>
    string Words { get; }

    /// <summary>Each document's title, quote and body, one text a row (the acronyms are found in them).</summary>
    string DocumentTexts { get; }

    /// <summary>The condition <c>column IN</c> the JSON array of texts in <paramref name="parameter"/>.</summary>
    string InTexts(string column, string parameter);

    /// <summary>A LinkMetadata row's fetched text: title, authors, venue, abstract, joined by " - ".</summary>
    string FetchedText { get; }

    /// <summary>Replaces the whole index with these documents, in the caller's transaction.</summary>
    Task ReplaceAllAsync(DbTransaction transaction, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct);

    /// <summary>Replaces the documents of these links (rowids) alone, in the caller's transaction.</summary>
    Task ReplaceLinksAsync(DbTransaction transaction, IReadOnlyCollection<long> ids, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct);

    /// <summary>True when the catalog has topics but the index has none of them (a migration made it anew, say).</summary>
    Task<bool> IsStaleAsync(DbConnection connection, CancellationToken ct);

    /// <summary>The dialect of the database the connection is to.</summary>
    static ISearchDialect Of(DbConnection connection) => connection is NpgsqlConnection ? PostgreSqlSearch.Instance : SqliteSearch.Instance;
}
