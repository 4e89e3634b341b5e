namespace Catalog.Web.Import;

/// <summary>Compares a source's topics before and after an import, item by item, each change naming its topic.</summary>
public static class DiffBuilder
{
    /// <param name="before">The source's topics now in the catalog.</param>
    /// <param name="after">The topics the new file makes.</param>
    /// <param name="matches">New slug to the old slug it continues (<see cref="TopicMatcher"/>).</param>
    /// <param name="urlsElsewhere">URLs that other sources list: they stay in the catalog whatever this file does.</param>
    /// <param name="catalogUrls">Every URL in the catalog now.</param>
    public static ImportDiff Build(
        IReadOnlyList<TopicState> before,
        IReadOnlyList<TopicState> after,
        IReadOnlyDictionary<string, string> matches,
        IReadOnlySet<string> urlsElsewhere,
        IReadOnlySet<string> catalogUrls)
    {
        var topics = new Identities(before, after, matches);
        var changes = new List<ImportChange>();
        var continued = matches.Values.ToHashSet(StringComparer.Ordinal);
        var oldBySlug = before.ToDictionary(t => t.Slug, StringComparer.Ordinal);

        var added = after.Where(t => !matches.ContainsKey(t.Slug)).Select(t => t.Title).ToList();
        var removed = before.Where(t => !continued.Contains(t.Slug)).Select(t => t.Title).ToList();
        var renamed = after
            .Where(t => matches.TryGetValue(t.Slug, out var old) && oldBySlug[old].Title != t.Title)
            .Select(t => new TopicRename(oldBySlug[matches[t.Slug]].Title, t.Title))
            .ToList();
        changes.AddRange(added.Select(t => new ImportChange(ChangeKind.TopicAdded, t, "")));
        changes.AddRange(removed.Select(t => new ImportChange(ChangeKind.TopicRemoved, t, "")));
        changes.AddRange(renamed.Select(r => new ImportChange(ChangeKind.TopicRenamed, r.To, $"renamed from \"{r.From}\"")));
        changes.AddRange(after
            .Where(t => matches.TryGetValue(t.Slug, out var old) && oldBySlug[old].Intro != t.Intro)
            .Select(t => new ImportChange(ChangeKind.IntroEdited, t.Title, "intro text edited")));

        var oldLinks = Index(before.SelectMany(t => t.Links.Select(l => (t.Slug, l))));
        var newLinks = Index(after.SelectMany(t => t.Links.Select(l => (topics.Of(t), l))));
        var linksChanged = CompareLinks(changes, topics, oldLinks, newLinks);

        CompareItems(changes, topics,
            before.SelectMany(t => t.Quotes.Select(q => (t.Slug, Key: q.Url, Value: q.Text))),
            after.SelectMany(t => t.Quotes.Select(q => (topics.Of(t), Key: q.Url, Value: q.Text))),
            ChangeKind.QuoteAdded, ChangeKind.QuoteRemoved, ChangeKind.QuoteEdited);
        CompareItems(changes, topics,
            before.SelectMany(t => t.Images.Select(src => (t.Slug, Key: src, Value: src))),
            after.SelectMany(t => t.Images.Select(src => (topics.Of(t), Key: src, Value: src))),
            ChangeKind.ImageAdded, ChangeKind.ImageRemoved, ChangeKind.ImageAdded);

        return new ImportDiff(
            added,
            removed,
            renamed,
            LinksAdded: newLinks.Keys.Count(u => !catalogUrls.Contains(u)),
            LinksRemoved: oldLinks.Keys.Count(u => !newLinks.ContainsKey(u) && !urlsElsewhere.Contains(u)),
            LinksChanged: linksChanged)
        {
            Changes = changes,
        };
    }

    /// <summary>Topic identity across the import: a continued topic is known by its old slug on both sides.</summary>
    private sealed class Identities
    {
        private readonly IReadOnlyDictionary<string, string> _matches;
        private readonly Dictionary<string, string> _titles;

        public Identities(IReadOnlyList<TopicState> before, IReadOnlyList<TopicState> after, IReadOnlyDictionary<string, string> matches)
        {
            _matches = matches;
            _titles = before.ToDictionary(t => t.Slug, t => t.Title, StringComparer.Ordinal);
            foreach (var topic in after)
            {
                _titles[Of(topic)] = topic.Title;
            }
        }

        public string Of(TopicState topic) => _matches.GetValueOrDefault(topic.Slug) ?? "new:" + topic.Slug;

        public string Title(string identity) => _titles.GetValueOrDefault(identity, identity);

        public string Titles(IEnumerable<string> identities) =>
            string.Join(", ", identities.Select(Title).Order(StringComparer.Ordinal));
    }

    /// <summary>Where one URL appears in a source and how it is labelled there.</summary>
    private sealed class Appearances
    {
        public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// The labels of its list and prose mentions. A quote's mention is labelled with the quote's text, and a quote
        /// edit is reported as one: it is not also a relabelled link.
        /// </summary>
        public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

        /// <summary>How the change list names the link: its first label, else the start of its quote.</summary>
        public string Display { get; set; } = "";
    }

    private static Dictionary<string, Appearances> Index(IEnumerable<(string Topic, TopicLink Link)> links)
    {
        var index = new Dictionary<string, Appearances>(StringComparer.Ordinal);
        foreach (var (topic, link) in links)
        {
            if (!index.TryGetValue(link.Url, out var appearances))
            {
                index[link.Url] = appearances = new Appearances { Display = InlineText.Truncate(link.Label, 60) };
            }

            appearances.Topics.Add(topic);
            if (link.Place != LinkPlace.Quote)
            {
                if (appearances.Labels.Count == 0)
                {
                    appearances.Display = link.Label;
                }

                appearances.Labels.Add(link.Label);
            }
        }

        return index;
    }

    private static string Named(Appearances appearances, string url) =>
        appearances.Display == url ? url : $"{appearances.Display} <{url}>";

    /// <returns>How many URLs stayed but changed label or topics.</returns>
    private static int CompareLinks(List<ImportChange> changes, Identities topics, Dictionary<string, Appearances> oldLinks, Dictionary<string, Appearances> newLinks)
    {
        var changed = 0;
        foreach (var (url, now) in newLinks.Where(l => !oldLinks.ContainsKey(l.Key)))
        {
            changes.Add(new ImportChange(ChangeKind.LinkAdded, topics.Titles(now.Topics), Named(now, url)));
        }

        foreach (var (url, was) in oldLinks.Where(l => !newLinks.ContainsKey(l.Key)))
        {
            changes.Add(new ImportChange(ChangeKind.LinkRemoved, topics.Titles(was.Topics), Named(was, url)));
        }

        foreach (var (url, now) in newLinks)
        {
            if (!oldLinks.TryGetValue(url, out var was))
            {
                continue;
            }

            var moved = !was.Topics.SetEquals(now.Topics);
            var relabelled = !was.Labels.SetEquals(now.Labels);
            if (moved)
            {
                changes.Add(new ImportChange(ChangeKind.LinkMoved, topics.Titles(now.Topics), $"{Named(now, url)} moved from {topics.Titles(was.Topics)}"));
            }

            if (relabelled)
            {
                changes.Add(new ImportChange(ChangeKind.LinkRelabelled, topics.Titles(now.Topics), $"{Quoted(was.Labels)} → {Quoted(now.Labels)} <{url}>"));
            }

            changed += moved || relabelled ? 1 : 0;
        }

        return changed;
    }

    private static string Quoted(IEnumerable<string> labels) => string.Join(", ", labels.Order(StringComparer.Ordinal).Select(l => $"\"{l}\""));

    private static void CompareItems(
        List<ImportChange> changes,
        Identities topics,
        IEnumerable<(string Topic, string Key, string Value)> before,
        IEnumerable<(string Topic, string Key, string Value)> after,
        ChangeKind addedKind,
        ChangeKind removedKind,
        ChangeKind editedKind)
    {
        var old = before.GroupBy(x => (x.Topic, x.Key)).ToDictionary(g => g.Key, g => g.First().Value);
        var now = after.GroupBy(x => (x.Topic, x.Key)).ToDictionary(g => g.Key, g => g.First().Value);
        foreach (var (key, value) in now)
        {
            if (!old.TryGetValue(key, out var was))
            {
                changes.Add(new ImportChange(addedKind, topics.Title(key.Topic), Short(value, key.Key)));
            }
            else if (was != value)
            {
                changes.Add(new ImportChange(editedKind, topics.Title(key.Topic), Short(value, key.Key)));
            }
        }

        foreach (var (key, value) in old.Where(o => !now.ContainsKey(o.Key)))
        {
            changes.Add(new ImportChange(removedKind, topics.Title(key.Topic), Short(value, key.Key)));
        }
    }

    private static string Short(string value, string key) =>
        value == key ? key : $"{InlineText.Truncate(value, 100)} <{key}>";
}
