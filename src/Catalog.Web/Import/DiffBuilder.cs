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
        var changes = new List<ImportChange>();
        var continued = matches.Values.ToHashSet(StringComparer.Ordinal);
        var oldBySlug = before.ToDictionary(t => t.Slug, StringComparer.Ordinal);

        // Topic identity across the import: a continued topic is known by its old slug on both sides.
        string IdentityOfNew(TopicState t) => matches.GetValueOrDefault(t.Slug) ?? "new:" + t.Slug;
        var titleOf = before.ToDictionary(t => t.Slug, t => t.Title, StringComparer.Ordinal);
        foreach (var topic in after)
        {
            titleOf[IdentityOfNew(topic)] = topic.Title;
        }

        var added = after.Where(t => !matches.ContainsKey(t.Slug)).Select(t => t.Title).ToList();
        var removed = before.Where(t => !continued.Contains(t.Slug)).Select(t => t.Title).ToList();
        var renamed = after
            .Where(t => matches.TryGetValue(t.Slug, out var old) && oldBySlug[old].Title != t.Title)
            .Select(t => new TopicRename(oldBySlug[matches[t.Slug]].Title, t.Title))
            .ToList();
        changes.AddRange(added.Select(t => new ImportChange(ChangeKind.TopicAdded, t, "")));
        changes.AddRange(removed.Select(t => new ImportChange(ChangeKind.TopicRemoved, t, "")));
        changes.AddRange(renamed.Select(r => new ImportChange(ChangeKind.TopicRenamed, r.To, $"renamed from \"{r.From}\"")));

        foreach (var topic in after.Where(t => matches.ContainsKey(t.Slug)))
        {
            if (oldBySlug[matches[topic.Slug]].Intro != topic.Intro)
            {
                changes.Add(new ImportChange(ChangeKind.IntroEdited, topic.Title, "intro text edited"));
            }
        }

        var oldLinks = Index(before.SelectMany(t => t.Links.Select(l => (t.Slug, l.Url, l.Label))));
        var newLinks = Index(after.SelectMany(t => t.Links.Select(l => (IdentityOfNew(t), l.Url, l.Label))));
        var linksChanged = 0;
        foreach (var url in oldLinks.Keys.Union(newLinks.Keys))
        {
            var was = oldLinks.GetValueOrDefault(url);
            var now = newLinks.GetValueOrDefault(url);
            if (was is null)
            {
                changes.Add(new ImportChange(ChangeKind.LinkAdded, TitlesOf(now!.Topics, titleOf), $"{now.Labels[0]} <{url}>"));
            }
            else if (now is null)
            {
                changes.Add(new ImportChange(ChangeKind.LinkRemoved, TitlesOf(was.Topics, titleOf), $"{was.Labels[0]} <{url}>"));
            }
            else
            {
                var moved = !was.Topics.SetEquals(now.Topics);
                var relabelled = !was.Labels.Order().SequenceEqual(now.Labels.Order());
                if (moved)
                {
                    changes.Add(new ImportChange(ChangeKind.LinkMoved, TitlesOf(now.Topics, titleOf), $"{now.Labels[0]} <{url}> moved from {TitlesOf(was.Topics, titleOf)}"));
                }

                if (relabelled)
                {
                    changes.Add(new ImportChange(ChangeKind.LinkRelabelled, TitlesOf(now.Topics, titleOf), $"\"{string.Join("\", \"", was.Labels.Distinct())}\" → \"{string.Join("\", \"", now.Labels.Distinct())}\" <{url}>"));
                }

                linksChanged += moved || relabelled ? 1 : 0;
            }
        }

        CompareItems(changes, titleOf,
            before.SelectMany(t => t.Quotes.Select(q => (t.Slug, Key: q.Url, Value: q.Text))),
            after.SelectMany(t => t.Quotes.Select(q => (IdentityOfNew(t), Key: q.Url, Value: q.Text))),
            ChangeKind.QuoteAdded, ChangeKind.QuoteRemoved, ChangeKind.QuoteEdited);
        CompareItems(changes, titleOf,
            before.SelectMany(t => t.Images.Select(src => (t.Slug, Key: src, Value: src))),
            after.SelectMany(t => t.Images.Select(src => (IdentityOfNew(t), Key: src, Value: src))),
            ChangeKind.ImageAdded, ChangeKind.ImageRemoved, ChangeKind.ImageAdded);

        var newUrls = newLinks.Keys.ToHashSet(StringComparer.Ordinal);
        return new ImportDiff(
            added,
            removed,
            renamed,
            LinksAdded: newUrls.Count(u => !catalogUrls.Contains(u)),
            LinksRemoved: oldLinks.Keys.Count(u => !newUrls.Contains(u) && !urlsElsewhere.Contains(u)),
            LinksChanged: linksChanged)
        {
            Changes = changes,
        };
    }

    private sealed record Appearances(HashSet<string> Topics, List<string> Labels);

    private static Dictionary<string, Appearances> Index(IEnumerable<(string Topic, string Url, string Label)> links)
    {
        var index = new Dictionary<string, Appearances>(StringComparer.Ordinal);
        foreach (var (topic, url, label) in links)
        {
            if (!index.TryGetValue(url, out var appearances))
            {
                index[url] = appearances = new Appearances(new HashSet<string>(StringComparer.Ordinal), []);
            }

            appearances.Topics.Add(topic);
            appearances.Labels.Add(label);
        }

        return index;
    }

    private static void CompareItems(
        List<ImportChange> changes,
        Dictionary<string, string> titleOf,
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
                changes.Add(new ImportChange(addedKind, titleOf[key.Topic], Short(value, key.Key)));
            }
            else if (was != value)
            {
                changes.Add(new ImportChange(editedKind, titleOf[key.Topic], Short(value, key.Key)));
            }
        }

        foreach (var (key, value) in old.Where(o => !now.ContainsKey(o.Key)))
        {
            changes.Add(new ImportChange(removedKind, titleOf[key.Topic], Short(value, key.Key)));
        }
    }

    private static string Short(string value, string key) =>
        value == key ? key : $"{InlineText.Truncate(value, 100)} <{key}>";

    private static string TitlesOf(IEnumerable<string> topics, Dictionary<string, string> titleOf) =>
        string.Join(", ", topics.Select(t => titleOf.GetValueOrDefault(t, t)).Order(StringComparer.Ordinal));
}
