namespace Catalog.Web.Data.PostgreSql;

/// <summary>
/// The vocabulary: <c>search_vocab</c>, each word of the documents as written (folded, unstemmed) with the number of
/// documents it is in, filled from the <c>words</c> tsvectors when the index is written (what fts5vocab is on SQLite).
/// Its terms compare in code point order (COLLATE "C"), as FTS5's do, so a prefix is a range.
/// </summary>
public sealed partial class PostgreSqlSearch
{
    public string WordRange => "SELECT term, doc FROM search_vocab WHERE term >= @from AND term < @to";

    public string Completions => "SELECT term FROM search_vocab WHERE term >= @prefix AND term < @end ORDER BY doc DESC, term LIMIT @limit";

    public string IsWord => "SELECT CAST(EXISTS (SELECT 1 FROM search_vocab WHERE term = @word) AS int)";

    public string IsPrefix => "SELECT CAST(EXISTS (SELECT 1 FROM search_vocab WHERE term >= @word AND term < @end) AS int)";

    public string MatchCount => $"SELECT count(*) FROM {Query}, search_index s WHERE s.document @@ q";

    public string MatchCountUpToTwo => $"SELECT count(*) FROM (SELECT 1 FROM {Query}, search_index s WHERE s.document @@ q LIMIT 2) two";

    public string Words => "SELECT term, doc FROM search_vocab";

    public string DocumentTexts => "SELECT title || E'\\n' || quote || E'\\n' || body FROM search_index";

    public string InTexts(string column, string parameter) => $"{column} IN (SELECT jsonb_array_elements_text(CAST({parameter} AS jsonb)))";

    public string FetchedText => """
        concat_ws(' - ', "Title", (SELECT string_agg(a, ', ') FROM jsonb_array_elements_text(CAST("Authors" AS jsonb)) a), "Venue", "Abstract")
        """;
}
