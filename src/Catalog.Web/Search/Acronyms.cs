using System.Text.RegularExpressions;

namespace Catalog.Web.Search;

/// <summary>
/// Acronyms the catalog defines itself, as in "Physics Based Vision meets Deep Learning (PBDL)" or "Optimal transport
/// (OT)": found in labels, quotes, headings and intros, matched to the words before them by the Schwartz-Hearst rule
/// (each letter of the acronym, last to first, found in order in the words before it, the first letter starting a word).
/// </summary>
public static partial class Acronyms
{
    /// <summary>Pairs of acronym (folded) and long form (folded words) found in the text.</summary>
    public static IEnumerable<(string Acronym, string[] LongForm)> Find(string text)
    {
        foreach (Match match in Definition().Matches(text))
        {
            var acronym = match.Groups["acronym"].Value;
            if (acronym.Count(char.IsUpper) < 2)
            {
                continue;
            }

            var words = Words().Matches(match.Groups["before"].Value).Select(m => m.Value).ToArray();
            var maxWords = Math.Min(acronym.Length + 5, acronym.Length * 2);
            var window = words.Length > maxWords ? words[^maxWords..] : words;
            if (LongFormStart(acronym, window) is { } start)
            {
                yield return (SearchText.Fold(acronym), window[start..].Select(SearchText.Fold).ToArray());
            }
        }
    }

    // Schwartz & Hearst (2003): walk the acronym's letters from the end, each found further left in the words; the
    // acronym's first letter must begin a word. Returns the index of the first word of the long form.
    private static int? LongFormStart(string acronym, string[] words)
    {
        var letters = acronym.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();
        var text = string.Join(' ', words).ToLowerInvariant();
        var t = text.Length - 1;
        for (var a = letters.Length - 1; a >= 0; a--)
        {
            while (t >= 0 && (text[t] != letters[a] || a == 0 && t > 0 && char.IsLetterOrDigit(text[t - 1])))
            {
                t--;
            }

            if (t < 0)
            {
                return null;
            }

            t--;
        }

        // The long form starts at the word that holds position t + 1.
        var start = text[..(t + 1)].Count(c => c == ' ');
        return words.Length - start > 1 ? start : null;
    }

    [GeneratedRegex(@"(?<before>[^()\n]{1,200}?)\s*\((?<acronym>[A-Za-z][A-Za-z0-9\-]{1,9})\)")]
    private static partial Regex Definition();

    // Words as the index's tokenizer cuts them: "Physics-Based" is two.
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
