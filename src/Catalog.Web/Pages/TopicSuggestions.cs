using Catalog.Web.Import;
using Catalog.Web.Pages.Shared;

namespace Catalog.Web.Pages;

/// <summary>
/// The topics closest to a URL that matched nothing: by the words of the path's last segment that the title shares,
/// each allowed a typo or two (edit distance), and by the edit distance between that segment and the title's slug.
/// </summary>
public static class TopicSuggestions
{
    private const double MinScore = 0.34;

    private const double MinWordSimilarity = 0.7;

    public static List<TopicRef> Closest(string path, IEnumerable<TopicRef> topics, int count)
    {
        var wanted = Slugs.From(Uri.UnescapeDataString(path.TrimEnd('/').Split('/')[^1]));
        var words = Words(wanted);
        return topics
            .Select(topic => (Topic: topic, Score: Score(wanted, words, Slugs.From(topic.Title))))
            .Where(t => t.Score >= MinScore)
            .OrderByDescending(t => t.Score)
            .Take(count)
            .Select(t => t.Topic)
            .ToList();
    }

    // Mostly: how much of what was asked the title covers, word by word, forgiving typos; a little: how much of the
    // title was asked for, so the tighter of two matches comes first. A close slug counts on its own (no word breaks
    // in a Chinese slug, for one).
    private static double Score(string wanted, HashSet<string> wantedWords, string slug)
    {
        var words = Words(slug);
        var found = wantedWords.Sum(w => words.Select(t => Similarity(w, t)).Where(s => s >= MinWordSimilarity).DefaultIfEmpty(0).Max());
        var covered = wantedWords.Count == 0 || words.Count == 0 ? 0 : 0.75 * found / wantedWords.Count + 0.25 * found / words.Count;
        return Math.Max(covered, Similarity(wanted, slug));
    }

    private static double Similarity(string a, string b) =>
        a.Length + b.Length == 0 ? 1 : 1 - (double)Distance(a, b) / Math.Max(a.Length, b.Length);

    // Short words ("and", "of") say nothing about which topic was meant.
    private static HashSet<string> Words(string slug) =>
        slug.Split('-').Where(w => w.Length > 3 || w.Any(c => c > 0x2E7F)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Levenshtein distance, two rows at a time.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
