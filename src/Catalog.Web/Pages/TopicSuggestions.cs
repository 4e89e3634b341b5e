using Catalog.Web.Import;
using Catalog.Web.Pages.Shared;

namespace Catalog.Web.Pages;

/// <summary>
/// The topics closest to a URL that matched nothing: by the words the path and the title share, and by edit distance
/// between the path's last segment and the title's slug (a typo in a slug still finds its topic).
/// </summary>
public static class TopicSuggestions
{
    private const double MinScore = 0.34;

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

    private static double Score(string wanted, HashSet<string> wantedWords, string slug)
    {
        var words = Words(slug);
        var shared = words.Count(wantedWords.Contains);
        var overlap = shared == 0 ? 0 : (double)shared / Math.Max(words.Count, wantedWords.Count);
        var similarity = 1 - (double)Distance(wanted, slug) / Math.Max(wanted.Length, slug.Length);
        return Math.Max(overlap, similarity);
    }

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
