namespace Catalog.Web.Search;

/// <summary>
/// Respelling a word that the catalog does not know against the words it does (<see cref="Lexicon"/>): the closest by
/// edit distance, the most frequent among equals. The budget grows with length as in the search engines people know:
/// no edit below five letters, one from five, two from nine. Chinese, acronyms (all capitals) and words with digits
/// are never respelled: they are names, not misspellings.
/// </summary>
public static class Typos
{
    public const int MinLength = 5;

    private const int TwoEditsFrom = 9;

    public static int Budget(int length) => length < MinLength ? 0 : length < TwoEditsFrom ? 1 : 2;

    /// <summary>False for words that are never respelled, whatever the catalog holds.</summary>
    public static bool MayCorrect(string typed) =>
        typed.Length >= MinLength
        && typed.All(char.IsLetter)
        && !typed.Any(SearchText.IsCjk)
        && !typed.All(char.IsUpper);

    /// <summary>The best known word within the budget, or null. Candidates come from the lexicon's trigram index.</summary>
    public static string? Correct(string typed, Lexicon lexicon)
    {
        if (!MayCorrect(typed))
        {
            return null;
        }

        var word = SearchText.Fold(typed);
        var budget = Budget(word.Length);
        string? best = null;
        var bestEdits = int.MaxValue;
        var bestDocs = 0;
        foreach (var candidate in lexicon.Candidates(word))
        {
            if (Math.Abs(candidate.Length - word.Length) > budget || candidate == word)
            {
                continue;
            }

            var edits = Vocabulary.EditDistance(word, candidate);
            var docs = lexicon.DocumentCount(candidate);
            if (edits <= budget && (edits < bestEdits || edits == bestEdits && (docs > bestDocs || docs == bestDocs && string.CompareOrdinal(candidate, best) < 0)))
            {
                (best, bestEdits, bestDocs) = (candidate, edits, docs);
            }
        }

        return best;
    }
}
