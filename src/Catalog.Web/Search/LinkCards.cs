using System.Data.Common;
using Catalog.Web.Data;

namespace Catalog.Web.Search;

/// <summary>What a hit shows of a link: its URL, kind and host, the label of its first mention (a quote's last; the URL when none) and the topics that list it.</summary>
internal sealed record LinkCard(string Url, string Kind, string Host, string Label, IReadOnlyList<TopicRef> Topics);

/// <summary>
/// Every link's <see cref="LinkCard"/> and every topic's slug and title, read once per catalog version
/// (<see cref="SearchLexicons"/>), so a page of hits is named without a query: joining a page's mentions to their
/// topics, then reading its labels and link rows, were three statements of every search and a third of its CPU at
/// the 200x catalog (links there are listed under up to 400 topics). URLs and labels are kept as UTF-8
/// (<see cref="PackedText"/>), topics as ids: about 6 MB at 200x.
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
    private readonly TopicRef[] _topics;
    private readonly Dictionary<long, int> _topicAt;

    private LinkCards(Reader read)
    {
        (_links, _urls, _labels, _kinds, _hosts) = ([.. read.Links], read.Urls.Build(), read.Labels.Build(), [.. read.Kinds], [.. read.Hosts]);
        (_names, _starts, _topicsOf) = ([.. read.NameList], [.. read.Starts], [.. read.TopicsOf]);
        (_topics, _topicAt) = (read.Topics, read.TopicAt);
    }

    public static async Task<LinkCards> ReadAsync(DbConnection connection, CancellationToken ct)
    {
        var sql = ISearchDialect.Of(connection);
        var topics = await connection.ListAsync(sql.AllTopics, r => (Id: r.GetInt64(0), Ref: new TopicRef(r.GetString(1), r.GetString(2))), ct);
        var read = new Reader([.. topics.Select(t => t.Ref)], topics.Select((t, i) => (t.Id, i)).ToDictionary(t => t.Id, t => t.i));
        await using (var command = connection.Command(sql.AllLinks))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                read.Link(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            }
        }

        // Both in link order: each link's mentions in the order its hit names their topics, the first giving the label.
        await using (var command = connection.Command(sql.LinkMentionOrder))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                read.Mention(reader.GetInt64(0), reader.GetInt64(1), reader, labelColumn: 2);
            }
        }

        return new LinkCards(read.Finish());
    }

    /// <summary>The link's card, or null when this version has no link <paramref name="id"/>.</summary>
    public LinkCard? Of(long id)
    {
        var at = Array.BinarySearch(_links, id);
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

    /// <summary>The slug and title of each of these topics the catalog has, in the same order.</summary>
    public List<TopicRef> Refs(IEnumerable<long> topicIds) =>
        [.. topicIds.Where(_topicAt.ContainsKey).Select(id => _topics[_topicAt[id]])];

    // Links come in id order, then their mentions in the same order; each mention finds its link by walking forward.
    // A link no topic lists (none after an import) is labelled by its URL.
    private sealed class Reader(TopicRef[] topics, Dictionary<long, int> topicAt)
    {
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
        private readonly List<string> _urls = [];
        private readonly HashSet<int> _seen = [];
        private int _at = -1;

        public TopicRef[] Topics => topics;

        public Dictionary<long, int> TopicAt => topicAt;

        public List<long> Links { get; } = [];

        public PackedText.Builder Urls { get; } = new();

        public PackedText.Builder Labels { get; } = new();

        public List<int> Kinds { get; } = [];

        public List<int> Hosts { get; } = [];

        // Kinds and hosts are a few hundred strings, each kept once.
        public List<string> NameList { get; } = [];

        public List<int> Starts { get; } = [];

        public List<int> TopicsOf { get; } = [];

        public void Link(long id, string url, string kind, string host)
        {
            Links.Add(id);
            Urls.Add(url);
            _urls.Add(url);
            Kinds.Add(Name(kind));
            Hosts.Add(Name(host));
        }

        public void Mention(long link, long topic, DbDataReader reader, int labelColumn)
        {
            if (_at < 0 || Links[_at] != link)
            {
                while (++_at < Links.Count && Links[_at] != link)
                {
                    Labels.Add(_urls[_at]);
                    Starts.Add(TopicsOf.Count);
                }

                if (_at == Links.Count)
                {
                    throw new InvalidOperationException($"A mention of link {link}, which is not in the link table or not in order.");
                }

                Labels.Add(reader.GetString(labelColumn));
                Starts.Add(TopicsOf.Count);
                _seen.Clear();
            }

            if (topicAt.TryGetValue(topic, out var at) && _seen.Add(at))
            {
                TopicsOf.Add(at);
            }
        }

        public Reader Finish()
        {
            while (Labels.Count < Links.Count)
            {
                Labels.Add(_urls[Labels.Count]);
                Starts.Add(TopicsOf.Count);
            }

            Starts.Add(TopicsOf.Count);
            return this;
        }

        private int Name(string name)
        {
            if (!_names.TryGetValue(name, out var at))
            {
                _names[name] = at = NameList.Count;
                NameList.Add(name);
            }

            return at;
        }
    }
}
