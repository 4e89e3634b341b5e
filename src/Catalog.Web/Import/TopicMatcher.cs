namespace Catalog.Web.Import;

/// <summary>
/// Decides which new topic continues which old one, so topic URLs survive re-imports: the same slug, else the same
/// place in the tree (same parent, level and rank among siblings) with some links in common, else mostly the same links.
/// </summary>
public static class TopicMatcher
{
    private const double SameLinksThreshold = 0.5;

    // In the same place a lower overlap is enough: a rename that also edited its list is still the same topic,
    // but a topic removed and another added where it stood are not.
    private const double SamePlaceLinksThreshold = 0.2;

    /// <summary>New slug to the old slug it continues; old topics absent from the values were removed.</summary>
    public static Dictionary<string, string> Match(IReadOnlyList<TopicState> before, IReadOnlyList<TopicState> after)
    {
        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        var oldBySlug = before.ToDictionary(t => t.Slug, StringComparer.Ordinal);
        foreach (var topic in after.Where(t => oldBySlug.ContainsKey(t.Slug)))
        {
            matches[topic.Slug] = topic.Slug;
        }

        var continued = matches.Values.ToHashSet(StringComparer.Ordinal);
        var unmatchedOld = before.Where(t => !continued.Contains(t.Slug)).ToList();
        var oldRanks = SiblingRanks(before);
        var newRanks = SiblingRanks(after);
        foreach (var topic in after.Where(t => !matches.ContainsKey(t.Slug)))
        {
            var old = unmatchedOld.FirstOrDefault(o => SamePlace(o, topic, oldRanks, newRanks, matches) && LinkOverlap(o, topic) >= SamePlaceLinksThreshold)
                ?? unmatchedOld
                    .Select(o => (Topic: o, Score: LinkOverlap(o, topic)))
                    .Where(x => x.Score >= SameLinksThreshold)
                    .OrderByDescending(x => x.Score)
                    .Select(x => x.Topic)
                    .FirstOrDefault();
            if (old is not null)
            {
                matches[topic.Slug] = old.Slug;
                unmatchedOld.Remove(old);
            }
        }

        return matches;
    }

    private static bool SamePlace(TopicState old, TopicState topic, Dictionary<string, int> oldRanks, Dictionary<string, int> newRanks, Dictionary<string, string> matches)
    {
        if (old.Level != topic.Level)
        {
            return false;
        }

        var parentContinues = topic.ParentSlug is null
            ? old.ParentSlug is null
            : matches.TryGetValue(topic.ParentSlug, out var oldParent) && oldParent == old.ParentSlug;
        return parentContinues && oldRanks[old.Slug] == newRanks[topic.Slug];
    }

    // Rank of each topic among the siblings of its level under the same parent, in document order.
    private static Dictionary<string, int> SiblingRanks(IReadOnlyList<TopicState> topics)
    {
        var counters = new Dictionary<(string?, int), int>();
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in topics.OrderBy(t => t.Position))
        {
            var key = (topic.ParentSlug, topic.Level);
            ranks[topic.Slug] = counters[key] = counters.GetValueOrDefault(key, -1) + 1;
        }

        return ranks;
    }

    private static double LinkOverlap(TopicState a, TopicState b)
    {
        var left = a.Links.Select(l => l.Url).ToHashSet(StringComparer.Ordinal);
        var right = b.Links.Select(l => l.Url).ToHashSet(StringComparer.Ordinal);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var shared = left.Count(right.Contains);
        return (double)shared / (left.Count + right.Count - shared);
    }
}
