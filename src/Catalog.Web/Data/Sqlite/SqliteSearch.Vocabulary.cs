namespace Catalog.Web.Data.Sqlite;

/// <summary>
/// The vocabulary: the fts5vocab table <c>search_vocab</c> over <c>search_words</c> (the documents' text unstemmed),
/// and what the lexicon and the search documents read.
/// </summary>
public sealed partial class SqliteSearch
{
    public string WordRange => "SELECT term, doc FROM search_vocab WHERE term >= @from AND term < @to";

    public string Completions => "SELECT term FROM search_vocab WHERE term >= @prefix AND term < @end ORDER BY doc DESC, term LIMIT @limit";

    public string IsWord => "SELECT EXISTS (SELECT 1 FROM search_vocab WHERE term = @word)";

    public string IsPrefix => "SELECT EXISTS (SELECT 1 FROM search_vocab WHERE term >= @word AND term < @end)";

    public string MatchCount => "SELECT count(*) FROM search_index WHERE search_index MATCH @match";

    public string MatchCountUpToTwo => "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH @match LIMIT 2)";

    public string Words => "SELECT term, doc FROM search_vocab";

    public string DocumentTexts => "SELECT title || char(10) || quote || char(10) || body FROM search_index";

    public string InTexts(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public string FetchedText => "concat_ws(' - ', Title, (SELECT group_concat(value, ', ') FROM json_each(Authors)), Venue, Abstract)";
}
