using System.Data.Common;
using System.Globalization;
using Catalog.Web.Search;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>
/// Writes <c>search_index</c> and <c>search_vocab</c> in the caller's transaction. The documents go in by binary COPY
/// (<see cref="CopyRows"/>) into a staging table, with their text as written (for snippets) and as words
/// (<see cref="TsQuery.Words"/>: folded, punctuation and CJK segmentation turned into spaces, so PostgreSQL's parser
/// finds the tokens FTS5's unicode61 finds on SQLite); one statement then makes the weighted tsvectors from the words.
/// </summary>
public sealed partial class PostgreSqlSearch
{
    private static readonly string[] s_staged = ["rowid", "title", "quote", "body", "urlwords", "title_words", "quote_words", "body_words", "url_words"];

    public async Task ReplaceAllAsync(DbTransaction transaction, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct)
    {
        // DELETE, not TRUNCATE: readers keep seeing the previous index until the commit instead of waiting for it.
        await transaction.ExecuteAsync("DELETE FROM search_index", ct);
        await InsertAsync(transaction, ordered, ct);
        await transaction.ExecuteAsync("DELETE FROM search_vocab", ct);
        await transaction.ExecuteAsync("INSERT INTO search_vocab (term, doc) SELECT word, ndoc FROM ts_stat('SELECT words FROM search_index')", ct);

        // The planner's statistics of the new words (how many documents each matches): without them it guesses, and
        // for a rare word it scans the whole table where the GIN index finds nothing at once.
        await transaction.ExecuteAsync("ANALYZE search_index", ct);
    }

    // The vocabulary loses the words of the old documents and gains those of the new ones, without a pass over the rest.
    public async Task ReplaceLinksAsync(
        DbTransaction transaction, IReadOnlyCollection<long> ids, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct)
    {
        // ts_stat takes the text of a query; the ids are numbers, written here in invariant digits.
        var wordsOf = $"SELECT words FROM search_index WHERE rowid IN ({string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))})";
        await transaction.ExecuteAsync("""
            UPDATE search_vocab v SET doc = v.doc - old.ndoc FROM ts_stat(@words) old WHERE v.term = old.word
            """, ct, ("@words", wordsOf));
        await transaction.ExecuteAsync("DELETE FROM search_vocab WHERE doc <= 0", ct);
        await transaction.ExecuteAsync($"DELETE FROM search_index WHERE rowid IN ({Ids("@ids")})", ct, ("@ids", System.Text.Json.JsonSerializer.Serialize(ids)));
        await InsertAsync(transaction, ordered, ct);
        await transaction.ExecuteAsync("""
            INSERT INTO search_vocab (term, doc) SELECT word, ndoc FROM ts_stat(@words)
            ON CONFLICT (term) DO UPDATE SET doc = search_vocab.doc + excluded.doc
            """, ct, ("@words", wordsOf));
    }

    public async Task<bool> IsStaleAsync(DbConnection connection, CancellationToken ct) =>
        await connection.ScalarAsync("""SELECT CAST(EXISTS (SELECT 1 FROM "Topics") AND NOT EXISTS (SELECT 1 FROM search_index WHERE rowid < 0) AS int)""", ct) == 1;

    private static async Task InsertAsync(DbTransaction transaction, IEnumerable<(long RowId, PreparedDocument Document)> ordered, CancellationToken ct)
    {
        await transaction.ExecuteAsync("""
            CREATE TEMPORARY TABLE search_staging (
                rowid bigint, title text, quote text, body text, urlwords text,
                title_words text, quote_words text, body_words text, url_words text) ON COMMIT DROP
            """, ct);
        await using (var rows = PostgreSqlDialect.Instance.BulkInsert(transaction.Connection!, transaction, "search_staging", s_staged))
        {
            foreach (var (rowId, d) in ordered)
            {
                rows.Row().Value(rowId).Value(d.Title).Value(d.Quote).Value(d.Body).Value(d.UrlWords)
                    .Value(TsQuery.Words(d.Title)).Value(TsQuery.Words(d.Quote)).Value(TsQuery.Words(d.Body)).Value(TsQuery.Words(d.UrlWords));
                await rows.FlushIfFullAsync(ct);
            }

            await rows.FlushAsync(ct);
        }

        // Weights A to D in the column order of FTS5's bm25 weights; "words" is the text unstemmed, for the vocabulary.
        await transaction.ExecuteAsync($"""
            INSERT INTO search_index (rowid, title, quote, body, urlwords, document, words)
            SELECT rowid, title, quote, body, urlwords,
                   setweight(to_tsvector('{Configuration}', title_words), 'A') || setweight(to_tsvector('{Configuration}', quote_words), 'B')
                   || setweight(to_tsvector('{Configuration}', body_words), 'C') || setweight(to_tsvector('{Configuration}', url_words), 'D'),
                   to_tsvector('simple', concat_ws(' ', title_words, quote_words, body_words, url_words))
            FROM search_staging
            """, ct);
        await transaction.ExecuteAsync("DROP TABLE search_staging", ct);
    }
}
