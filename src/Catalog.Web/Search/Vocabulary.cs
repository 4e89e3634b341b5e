using System.Data.Common;
using Catalog.Web.Data;

namespace Catalog.Web.Search;

/// <summary>
/// The words of the catalog as written (folded, unstemmed), with the documents each is in: <c>search_vocab</c>
/// (<see cref="ISearchDialect.WordRange"/>). Completes the word being typed and suggests spellings when a search finds nothing.
/// </summary>
public static class Vocabulary
{
    /// <summary>
    /// Shorter prefixes are left to FTS5's prefix index alone: the stemmer leaves them nearly intact, and a
    /// two-letter range of the vocabulary is large.
    /// </summary>
    public const int MinCompletionLength = 4;

    private const int MaxCompletions = 4;

    /// <summary>
    /// The most frequent words that start with the typed prefix, or null when there is nothing to complete. A prefix
    /// that is a word of its own is its own stem's prefix, which FTS5 matches without help; leaving it alone also
    /// spares a frequent word ("deep") the cost of ranking its longer forms as extra phrases.
    /// </summary>
    /// <param name="lexicon">The catalog's words in memory, when the caller has them: they answer "is it a word" without a query.</param>
    internal static async Task<IReadOnlyList<string>?> CompletionsAsync(SearchConnection reads, SearchTerm? typing, Lexicon? lexicon, CancellationToken ct)
    {
        var prefix = typing is null ? "" : SearchText.Fold(typing.Text);
        if (prefix.Length < MinCompletionLength
            || (lexicon is null ? await IsKnownAsync(await reads.OpenAsync(ct), prefix, asPrefix: false, ct) : lexicon.DocumentCount(prefix) > 0))
        {
            return null;
        }

        var connection = await reads.OpenAsync(ct);
        return await connection.ListAsync(ISearchDialect.Of(connection).Completions, r => r.GetString(0), ct, ("@prefix", prefix), ("@end", prefix + char.MaxValue), ("@limit", MaxCompletions));
    }

    /// <summary>
    /// The query with each unknown word replaced by the closest known one (same first letter, one or two edits,
    /// the most frequent on a tie), or null when no word needed it or the corrected query finds nothing either.
    /// </summary>
    public static async Task<string?> DidYouMeanAsync(DbConnection connection, SearchQuery query, CancellationToken ct)
    {
        var corrections = new Dictionary<SearchTerm, string>();
        foreach (var term in query.Terms.Where(t => !t.IsPhrase))
        {
            if (await CorrectionAsync(connection, term, ct) is { } word)
            {
                corrections[term] = word;
            }
        }

        if (corrections.Count == 0)
        {
            return null;
        }

        // A trailing space: the corrected last word is a whole word, not a prefix.
        var corrected = QueryParser.Parse(query.ToText(corrections) + " ");
        var sql = ISearchDialect.Of(connection);
        var found = await connection.ScalarAsync(sql.MatchCount, ct, ("@match", sql.Match(corrected.ToFts5())));
        return found > 0 ? corrected.ToText() : null;
    }

    private static async Task<string?> CorrectionAsync(DbConnection connection, SearchTerm term, CancellationToken ct)
    {
        var word = SearchText.Fold(term.Text);
        if (word.Length < 3 || !SearchText.IsSingleToken(word) || await IsKnownAsync(connection, word, term.IsPrefix, ct))
        {
            return null;
        }

        var maxEdits = word.Length <= 4 ? 1 : 2;
        var candidates = await connection.ListAsync(ISearchDialect.Of(connection).WordRange,
            r => (Term: r.GetString(0), Docs: r.GetInt64(1)), ct, ("@from", word[..1]), ("@to", word[..1] + char.MaxValue));
        return candidates
            .Where(c => Math.Abs(c.Term.Length - word.Length) <= maxEdits)
            .Select(c => (c.Term, c.Docs, Edits: EditDistance(word, c.Term)))
            .Where(c => c.Edits <= maxEdits)
            .OrderBy(c => c.Edits).ThenByDescending(c => c.Docs).ThenBy(c => c.Term, StringComparer.Ordinal)
            .Select(c => c.Term)
            .FirstOrDefault();
    }

    /// <summary>True when <paramref name="word"/> (folded) is a word of the catalog, or with <paramref name="asPrefix"/> starts one.</summary>
    internal static async Task<bool> IsKnownAsync(DbConnection connection, string word, bool asPrefix, CancellationToken ct)
    {
        var sql = ISearchDialect.Of(connection);
        return await connection.ScalarAsync(asPrefix ? sql.IsPrefix : sql.IsWord, ct, ("@word", word), ("@end", word + char.MaxValue)) == 1;
    }

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) that turn one word into the other.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
