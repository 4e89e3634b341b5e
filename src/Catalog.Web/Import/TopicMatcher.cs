namespace Catalog.Web.Import;

/// <summary>
/// Decides which new topic continues which old one, so topic URLs survive re-imports: the same slug, else the same
/// place in the tree (same parent, level and rank among siblings) with some links in common, else mostly the same links.
/// </summary>
/// <remarks>
/// Candidates come from indexes (old topics by place, and by each URL they list), never from comparing every old topic
/// with every new one: a re-import that renamed all of tens of thousands of topics stays linear.
/// </remarks>
public static class TopicMatcher
{
    private const double SameLinksThreshold = 0.5;

    // In the same place a lower overlap is enough: a rename that also edited its list is still the same topic,
    // but a topic removed and another added where it stood are not.
    private const double SamePlaceLinksThreshold = 0.2;

    /// <summary>
    /// A URL that more old topics than this list says little about which of them a topic continues, and following it
    /// from every topic that lists it would compare all those pairs: such URLs propose no candidates (they still count
    /// in the overlap of candidates found through rarer URLs).
    /// </summary>
    public const int MaxTopicsPerCandidateUrl = 64;

    /// <summary>New slug to the old slug it continues; old topics absent from the values were removed.</summary>
    public static Dictionary<string, string> Match(IReadOnlyList<TopicState> before, IReadOnlyList<TopicState> after) =>
        Match(before, after, out _);

    /// <inheritdoc cref="Match(IReadOnlyList{TopicState}, IReadOnlyList{TopicState})"/>
    /// <param name="pairsCompared">How many old and new topics had their links compared: the matcher's work.</param>
    public static Dictionary<string, string> Match(IReadOnlyList<TopicState> before, IReadOnlyList<TopicState> after, out long pairsCompared)
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

        pairsCompared = state.PairsCompared;
        return matches;
    }

    private sealed class Matching
    {
        private readonly IReadOnlyList<TopicState> _after;
        private readonly Dictionary<string, string> _matches;
        private readonly Dictionary<TopicState, HashSet<string>> _urls;
        private readonly Dictionary<TopicState, int> _newRanks;
        private readonly HashSet<string> _continued;

        // Old topics by (parent slug, level, rank among siblings): the one topic that stood in a place.
        private readonly Dictionary<(string? Parent, int Level, int Rank), TopicState> _oldByPlace;

        // Old topics by each URL they list, for the URLs few enough topics list.
        private readonly Dictionary<string, List<TopicState>> _oldByUrl = new(StringComparer.Ordinal);

        public Matching(IReadOnlyList<TopicState> before, IReadOnlyList<TopicState> after, Dictionary<string, string> matches)
        {
            _after = after;
            _matches = matches;
            _urls = before.Concat(after).ToDictionary<TopicState, TopicState, HashSet<string>>(
                t => t, t => t.Links.Select(l => l.Url).ToHashSet(StringComparer.Ordinal), ReferenceEqualityComparer.Instance);
            _newRanks = SiblingRanks(after);
            _continued = matches.Values.ToHashSet(StringComparer.Ordinal);
            var oldRanks = SiblingRanks(before);
            _oldByPlace = before.ToDictionary(t => (t.ParentSlug, t.Level, oldRanks[t]));
            foreach (var old in before)
            {
                foreach (var url in _urls[old])
                {
                    if (!_oldByUrl.TryGetValue(url, out var topics))
                    {
                        _oldByUrl[url] = topics = [];
                    }

                    topics.Add(old);
                }
            }
        }

        public long PairsCompared { get; private set; }

        private IEnumerable<TopicState> UnmatchedNew => _after.Where(t => !_matches.ContainsKey(t.Slug));

        // Document order, so a parent is settled before its children.
        public bool MatchSamePlace()
        {
            var found = false;
            foreach (var topic in UnmatchedNew.ToList())
            {
                if (OldInSamePlace(topic) is { } old && !_continued.Contains(old.Slug) && SharesLinks(old, topic))
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
                .SelectMany(topic => Candidates(topic).Select(old => (Topic: topic, Old: old, Score: Overlap(old, topic))))
                .Where(c => c.Score >= SameLinksThreshold)
                .OrderByDescending(c => c.Score)
                .ToList();
            var found = false;
            foreach (var (topic, old, _) in candidates)
            {
                if (!_matches.ContainsKey(topic.Slug) && !_continued.Contains(old.Slug))
                {
                    Add(topic, old);
                    found = true;
                }
            }

            return found;
        }

        // The unmatched old topics that list at least one of the topic's (not too common) URLs, each once.
        private IEnumerable<TopicState> Candidates(TopicState topic)
        {
            var seen = new HashSet<TopicState>(ReferenceEqualityComparer.Instance);
            foreach (var url in _urls[topic])
            {
                if (_oldByUrl.TryGetValue(url, out var olds) && olds.Count <= MaxTopicsPerCandidateUrl)
                {
                    foreach (var old in olds)
                    {
                        if (!_continued.Contains(old.Slug) && seen.Add(old))
                        {
                            yield return old;
                        }
                    }
                }
            }
        }

        private void Add(TopicState topic, TopicState old)
        {
            _matches[topic.Slug] = old.Slug;
            _continued.Add(old.Slug);
        }

        private TopicState? OldInSamePlace(TopicState topic)
        {
            string? oldParent = null;
            if (topic.ParentSlug is not null && !_matches.TryGetValue(topic.ParentSlug, out oldParent))
            {
                return null;
            }

            return _oldByPlace.GetValueOrDefault((oldParent, topic.Level, _newRanks[topic]));
        }

        // A heading that only groups subtopics has no links on either side: its place is all there is to go by.
        private bool SharesLinks(TopicState old, TopicState topic) =>
            (_urls[old].Count == 0 && _urls[topic].Count == 0) || Overlap(old, topic) >= SamePlaceLinksThreshold;

        // Jaccard similarity of the two topics' URL sets.
        private double Overlap(TopicState old, TopicState topic)
        {
            PairsCompared++;
            var left = _urls[old];
            var right = _urls[topic];
            if (left.Count == 0 || right.Count == 0)
            {
                return 0;
            }

            var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
            var shared = small.Count(large.Contains);
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
