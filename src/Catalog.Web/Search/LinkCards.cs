using System.Data.Common;
using System.Globalization;
using Catalog.Web.Data;
using Catalog.Web.Search.Postings;

namespace Catalog.Web.Search;

/// <summary>What a hit shows of a link: its URL, kind and host, the label of its first mention (a quote's last; the URL when none) and the topics that list it.</summary>
internal sealed record LinkCard(string Url, string Kind, string Host, string Label, IReadOnlyList<TopicRef> Topics);

/// <summary>
/// Every link's <see cref="LinkCard"/> and every topic's slug and title, read once per catalog version
/// (<see cref="SearchLexicons"/>), so a page of hits is named without a query: joining a page's mentions to their
/// topics, then reading its labels and link rows, were three statements of every search and a third of its CPU at
/// the 200x catalog (links there are listed under up to 400 topics). URLs and labels are kept as UTF-8
/// (<see cref="PackedText"/>), topics as ids: about 6.5 MB at 200x. With each link's year and how often each topic
/// lists it, the search page's facets and closest topics are counted from them too (<see cref="Facets"/>,
/// <see cref="Reached"/>).
/// </summary>
internal sealed class LinkCards
{
    private readonly long[] _links;
    private readonly PackedText _urls;
    private readonly PackedText _labels;
    private readonly int[] _kinds;
    private readonly int[] _hosts;
    private readonly string[] _names;
    private readonly int[] _starts;
    private readonly int[] _topicsOf;

    // Beside _topicsOf: how many of the link's mentions are under that topic (a topic may list a link twice).
    private readonly int[] _mentionsUnder;

    // Each link's year from its fetched metadata, 0 without one.
    private readonly int[] _years;
    private readonly TopicRef[] _topics;
    private readonly long[] _topicIds;
    private readonly Dictionary<long, int> _topicAt;

    // What each topic lists, by topic (CSR: _listedStarts[t] to _listedStarts[t + 1]), in mention id order: the
    // places in _links of the links its mentions name, and the mentions' ids.
    private readonly int[] _listedStarts;
    private readonly int[] _listedLinks;
    private readonly long[] _listedMentions;

    private LinkCards(Reader read)
    {
        (_links, _urls, _labels, _kinds, _hosts) = ([.. read.Links], read.Urls.Build(), read.Labels.Build(), [.. read.Kinds], [.. read.Hosts]);
        (_names, _starts, _topicsOf, _mentionsUnder, _years) = ([.. read.Names], [.. read.Starts, read.TopicsOf.Count], [.. read.TopicsOf], [.. read.MentionsUnder], [.. read.Years]);
        (_topics, _topicAt, _topicIds) = (read.Topics, read.TopicAt, read.TopicIds);
        (_listedStarts, _listedLinks, _listedMentions) = read.Listings();
    }

    /// <param name="labelled">Told each link's URL with the label of each of its mentions that is not a quote's, as the rows pass (the lexicon's site names).</param>
    public static async Task<LinkCards> ReadAsync(DbConnection connection, CancellationToken ct, Action<string, string>? labelled = null)
    {
        var sql = ISearchDialect.Of(connection);
        var topics = await connection.ListAsync(sql.AllTopics, r => (Id: r.GetInt64(0), Ref: new TopicRef(r.GetString(1), r.GetString(2))), ct);
        var read = new Reader([.. topics.Select(t => t.Ref)], [.. topics.Select(t => t.Id)], labelled);

        // Each link with its mentions, in the order its hit names their topics: the first gives the label.
        await using var command = connection.Command(sql.LinkCards);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            read.Row(reader);
        }

        return new LinkCards(read);
    }

    /// <summary>The link's card, or null when this version has no link <paramref name="id"/>.</summary>
    public LinkCard? Of(long id)
    {
        var at = _links.AsSpan().BinarySearch(id);
        if (at < 0)
        {
            return null;
        }

        var (first, end) = (_starts[at], _starts[at + 1]);
        var topics = new TopicRef[end - first];
        for (var i = first; i < end; i++)
        {
            topics[i - first] = _topics[_topicsOf[i]];
        }

        return new LinkCard(_urls[at], _names[_kinds[at]], _names[_hosts[at]], _labels[at], topics);
    }

    /// <summary>
    /// The links these topics list, each once, in the order of their mentions by id (all the topics' mentions
    /// together): what <see cref="ISearchDialect.TopicLinks"/> reads without filters, without a query.
    /// </summary>
    public List<long> ListedBy(IEnumerable<long> topicIds)
    {
        var mentions = new List<(long Id, int Link)>();
        foreach (var id in topicIds.Distinct())
        {
            if (_topicAt.TryGetValue(id, out var topic))
            {
                for (var m = _listedStarts[topic]; m < _listedStarts[topic + 1]; m++)
                {
                    mentions.Add((_listedMentions[m], _listedLinks[m]));
                }
            }
        }

        mentions.Sort();
        var seen = new HashSet<int>();
        var links = new List<long>(mentions.Count);
        foreach (var (_, link) in mentions)
        {
            if (seen.Add(link))
            {
                links.Add(_links[link]);
            }
        }

        return links;
    }

    /// <summary>
    /// What <see cref="ISearchDialect.Facets"/> and <see cref="ISearchDialect.FacetsOfIds"/> count over these links, as
    /// their rows, in their order: every kind (by name), the <see cref="ISearchDialect.FacetLimit"/> hosts and topics
    /// with the most of the links (ties by host, by topic id; a topic counts a link once, however often it lists it)
    /// and, with <paramref name="years"/>, the latest years of their fetched metadata. Each link counts once.
    /// </summary>
    public List<(string Facet, FacetCount Value)> Facets(IEnumerable<long> linkIds, bool years)
    {
        // The ids in order, so the links are found in one walk over the cards' (a search's matches come in order).
        long[] ids = [.. linkIds];
        for (var k = 1; k < ids.Length; k++)
        {
            if (ids[k] < ids[k - 1])
            {
                Array.Sort(ids);
                break;
            }
        }

        var (perKind, perHost, perTopic) = (new int[_names.Length], new int[_names.Length], new int[_topics.Length]);
        var perYear = new Dictionary<int, int>();
        var at = 0;
        for (var k = 0; k < ids.Length; k++)
        {
            if (k > 0 && ids[k] == ids[k - 1])
            {
                continue;
            }

            // Galloping from the last link found: the next is often close (a common word matches most links).
            var found = SortedSets.Gallop<long>(_links, at, ids[k]);
            at = found >= 0 ? found : ~found;
            if (found < 0)
            {
                continue;
            }

            perKind[_kinds[at]]++;
            perHost[_hosts[at]]++;
            for (var i = _starts[at]; i < _starts[at + 1]; i++)
            {
                perTopic[_topicsOf[i]]++;
            }

            if (years && _years[at] != 0)
            {
                perYear[_years[at]] = perYear.GetValueOrDefault(_years[at]) + 1;
            }
        }

        IEnumerable<FacetCount> Named(int[] counts) =>
            Enumerable.Range(0, counts.Length).Where(n => counts[n] > 0).Select(n => new FacetCount(_names[n], _names[n], counts[n]));
        var rows = new List<(string Facet, FacetCount Value)>();
        rows.AddRange(Named(perKind).OrderBy(k => k.Value, StringComparer.Ordinal).Select(k => ("kind", k)));
        rows.AddRange(Named(perHost).OrderByDescending(h => h.Count).ThenBy(h => h.Value, StringComparer.Ordinal)
            .Take(ISearchDialect.FacetLimit).Select(h => ("host", h)));
        rows.AddRange(Enumerable.Range(0, perTopic.Length).Where(t => perTopic[t] > 0)
            .OrderByDescending(t => perTopic[t]).ThenBy(t => _topicIds[t]).Take(ISearchDialect.FacetLimit)
            .Select(t => ("topic", new FacetCount(_topics[t].Slug, _topics[t].Title, perTopic[t]))));
        foreach (var (year, count) in perYear.OrderByDescending(y => y.Key).Take(ISearchDialect.FacetLimit))
        {
            var text = year.ToString(CultureInfo.InvariantCulture);
            rows.Add(("year", new FacetCount(text, text, count)));
        }

        return rows;
    }

    /// <summary>
    /// What <see cref="ISearchDialect.ClosestTopics"/> answers for these documents (the best of a match, as rowids with
    /// their rank): the topics among them and the topics their links are listed under, each mention once, by the sum of
    /// their ranks, then by id; the topics' own rows are summed first, as the statement's union gives them.
    /// </summary>
    public List<TopicRef> Reached(IReadOnlyList<(long RowId, double Rank)> hits, int limit)
    {
        var sums = new Dictionary<int, double>();
        void Add(int topic, double rank) => sums[topic] = sums.TryGetValue(topic, out var sum) ? sum + rank : rank;
        foreach (var (rowId, rank) in hits)
        {
            if (rowId < 0 && _topicAt.TryGetValue(-rowId, out var topic))
            {
                Add(topic, rank);
            }
        }

        foreach (var (rowId, rank) in hits)
        {
            if (rowId <= 0 || _links.AsSpan().BinarySearch(rowId) is not (>= 0 and var at))
            {
                continue;
            }

            for (var i = _starts[at]; i < _starts[at + 1]; i++)
            {
                for (var mention = 0; mention < _mentionsUnder[i]; mention++)
                {
                    Add(_topicsOf[i], rank);
                }
            }
        }

        return [.. sums.OrderBy(t => t.Value).ThenBy(t => _topicIds[t.Key]).Take(limit).Select(t => _topics[t.Key])];
    }

    /// <summary>The slug and title of each of these topics the catalog has, in the same order.</summary>
    public List<TopicRef> Refs(IEnumerable<long> topicIds) =>
        [.. topicIds.Where(_topicAt.ContainsKey).Select(id => _topics[_topicAt[id]])];

    // The rows of ISearchDialect.LinkCards: a link's first row opens its card; a link no topic lists (an import never
    // leaves one) has one row of nulls and is labelled by its URL.
    private sealed class Reader(TopicRef[] topics, long[] topicIds, Action<string, string>? labelled)
    {
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);

        // The current link's topics so far, each with its place in TopicsOf.
        private readonly Dictionary<int, int> _seen = [];
        private string _url = "";

        public TopicRef[] Topics => topics;

        public long[] TopicIds => topicIds;

        public Dictionary<long, int> TopicAt { get; } = topicIds.Select((id, i) => (id, i)).ToDictionary(t => t.id, t => t.i);

        public List<int> MentionsUnder { get; } = [];

        public List<int> Years { get; } = [];

        public List<long> Links { get; } = [];

        public PackedText.Builder Urls { get; } = new();

        public PackedText.Builder Labels { get; } = new();

        public List<int> Kinds { get; } = [];

        public List<int> Hosts { get; } = [];

        // Kinds and hosts are a few hundred strings, each kept once.
        public List<string> Names { get; } = [];

        public List<int> Starts { get; } = [];

        public List<int> TopicsOf { get; } = [];

        // Every mention: its topic, its id, the place of its link (sorted, by topic and then id).
        private readonly List<(int Topic, long Id, int Link)> _mentions = [];

        /// <summary>What each topic lists (see the fields), from the mentions read.</summary>
        public (int[] Starts, int[] Links, long[] Mentions) Listings()
        {
            _mentions.Sort();
            var starts = new int[topics.Length + 1];
            foreach (var mention in _mentions)
            {
                starts[mention.Topic + 1]++;
            }

            for (var t = 0; t < topics.Length; t++)
            {
                starts[t + 1] += starts[t];
            }

            return (starts, [.. _mentions.Select(m => m.Link)], [.. _mentions.Select(m => m.Id)]);
        }

        public void Row(DbDataReader r)
        {
            var link = r.GetInt64(0);
            if (Links.Count == 0 || Links[^1] != link)
            {
                var url = _url = r.GetString(1);
                Links.Add(link);
                Urls.Add(url);
                Kinds.Add(Name(r.GetString(2)));
                Hosts.Add(Name(r.GetString(3)));
                Labels.Add(r.IsDBNull(5) ? url : r.GetString(5));
                Years.Add(r.IsDBNull(8) ? 0 : r.GetInt32(8));
                Starts.Add(TopicsOf.Count);
                _seen.Clear();
            }

            if (labelled is not null && !r.IsDBNull(5) && !r.GetBoolean(6))
            {
                labelled(_url, r.GetString(5));
            }

            if (!r.IsDBNull(4) && TopicAt.TryGetValue(r.GetInt64(4), out var at))
            {
                _mentions.Add((at, r.GetInt64(7), Links.Count - 1));
                if (_seen.TryGetValue(at, out var place))
                {
                    MentionsUnder[place]++;
                }
                else
                {
                    _seen[at] = TopicsOf.Count;
                    TopicsOf.Add(at);
                    MentionsUnder.Add(1);
                }
            }
        }

        private int Name(string name)
        {
            if (!_names.TryGetValue(name, out var at))
            {
                _names[name] = at = Names.Count;
                Names.Add(name);
            }

            return at;
        }
    }
}
