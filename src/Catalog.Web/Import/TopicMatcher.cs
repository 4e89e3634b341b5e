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
        var oldSlugs = before.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        var matches = after.Where(t => oldSlugs.Contains(t.Slug)).ToDictionary(t => t.Slug, t => t.Slug, StringComparer.Ordinal);
        var state = new Matching(before, after, matches);

        // A child can only be in "the same place" once its parent is matched, and a parent may be matched by its
        // links: repeat both passes until neither finds anything more.
        bool found;
        do
        {
            found = state.MatchSamePlace();
            found |= state.MatchSameLinks();
        }
        while (found);

        return matches;
    }

    private sealed class Matching(IReadOnlyList<TopicState> before, IReadOnlyList<TopicState> after, Dictionary<string, string> matches)
    {
        private readonly Dictionary<TopicState, HashSet<string>> _urls = before.Concat(after)
            .ToDictionary<TopicState, TopicState, HashSet<string>>(t => t, t => t.Links.Select(l => l.Url).ToHashSet(StringComparer.Ordinal), ReferenceEqualityComparer.Instance);

        private readonly Dictionary<TopicState, int> _oldRanks = SiblingRanks(before);
        private readonly Dictionary<TopicState, int> _newRanks = SiblingRanks(after);

        private readonly HashSet<string> _continued = matches.Values.ToHashSet(StringComparer.Ordinal);

        private IEnumerable<TopicState> UnmatchedOld => before.Where(o => !_continued.Contains(o.Slug));

        private IEnumerable<TopicState> UnmatchedNew => after.Where(t => !matches.ContainsKey(t.Slug));

        // Document order, so a parent is settled before its children.
        public bool MatchSamePlace()
        {
            var found = false;
            foreach (var topic in UnmatchedNew.ToList())
            {
                var old = UnmatchedOld.FirstOrDefault(o => SamePlace(o, topic) && SharesLinks(o, topic));
                if (old is not null)
                {
                    Add(topic, old);
                    found = true;
                }
            }

            return found;
        }

        // Best pairs first: a topic that shares 60% of one old topic's links must not take it from one that shares 90%.
        public bool MatchSameLinks()
        {
            var candidates = UnmatchedNew
                .SelectMany(topic => UnmatchedOld.Select(old => (Topic: topic, Old: old, Score: Overlap(old, topic))))
                .Where(c => c.Score >= SameLinksThreshold)
                .OrderByDescending(c => c.Score)
                .ToList();
            var found = false;
            foreach (var (topic, old, _) in candidates)
            {
                if (!matches.ContainsKey(topic.Slug) && !_continued.Contains(old.Slug))
                {
                    Add(topic, old);
                    found = true;
                }
            }

            return found;
        }

        private void Add(TopicState topic, TopicState old)
        {
            matches[topic.Slug] = old.Slug;
            _continued.Add(old.Slug);
        }

        private bool SamePlace(TopicState old, TopicState topic)
        {
            var parentContinues = topic.ParentSlug is null
                ? old.ParentSlug is null
                : matches.TryGetValue(topic.ParentSlug, out var oldParent) && oldParent == old.ParentSlug;
            return old.Level == topic.Level && parentContinues && _oldRanks[old] == _newRanks[topic];
        }

        // A heading that only groups subtopics has no links on either side: its place is all there is to go by.
        private bool SharesLinks(TopicState old, TopicState topic) =>
            (_urls[old].Count == 0 && _urls[topic].Count == 0) || Overlap(old, topic) >= SamePlaceLinksThreshold;

        // Jaccard similarity of the two topics' URL sets.
        private double Overlap(TopicState old, TopicState topic)
        {
            var left = _urls[old];
            var right = _urls[topic];
            if (left.Count == 0 || right.Count == 0)
            {
                return 0;
            }

            var shared = left.Count(right.Contains);
            return (double)shared / (left.Count + right.Count - shared);
        }

        private static Dictionary<TopicState, int> SiblingRanks(IReadOnlyList<TopicState> topics)
        {
            var ranks = new Dictionary<TopicState, int>(ReferenceEqualityComparer.Instance);
            foreach (var group in topics.GroupBy(t => (t.ParentSlug, t.Level)))
            {
                var rank = 0;
                foreach (var topic in group.OrderBy(t => t.Position))
                {
                    ranks[topic] = rank++;
                }
            }

            return ranks;
        }
    }
}
