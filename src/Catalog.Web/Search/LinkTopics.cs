using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data;

namespace Catalog.Web.Search;

/// <summary>A link as a hit names it: the label of its first mention (a quote's last) and the topics that list it.</summary>
internal sealed record LinkMentions(string Label, IReadOnlyList<TopicRef> Topics);

/// <summary>
/// Which topics list each link, in the order a hit names them (mention order, quotes last), which mention gives each
/// link its label, and every topic's slug and title: read once per catalog version (<see cref="SearchLexicons"/>), so
/// a page of hits reads only its labels. Links are listed under up to 400 topics in the 200x catalog; joining their
/// mentions to the topics on every search cost a quarter of a search's CPU. Only ids are kept per link (at 200x
/// 58,200 mentions, 0.6 MB); the labels stay in the database.
/// </summary>
internal sealed class LinkTopics
{
    private readonly long[] _links;
    private readonly long[] _labelMentions;
    private readonly int[] _starts;
    private readonly int[] _topicsOf;
    private readonly TopicRef[] _topics;
    private readonly Dictionary<long, int> _topicAt;

    private LinkTopics(long[] links, long[] labelMentions, int[] starts, int[] topicsOf, TopicRef[] topics, Dictionary<long, int> topicAt)
    {
        (_links, _labelMentions, _starts, _topicsOf, _topics, _topicAt) = (links, labelMentions, starts, topicsOf, topics, topicAt);
    }

    public static async Task<LinkTopics> ReadAsync(DbConnection connection, CancellationToken ct)
    {
        var sql = ISearchDialect.Of(connection);
        var topics = await connection.ListAsync(sql.AllTopics, r => (Id: r.GetInt64(0), Ref: new TopicRef(r.GetString(1), r.GetString(2))), ct);
        var topicAt = new Dictionary<long, int>(topics.Count);
        for (var i = 0; i < topics.Count; i++)
        {
            topicAt[topics[i].Id] = i;
        }

        // In link order, each link's mentions in the order a hit names its topics: the first gives the label.
        var links = new List<long>();
        var labelMentions = new List<long>();
        var starts = new List<int>();
        var topicsOf = new List<int>();
        var seen = new HashSet<int>();
        await using (var command = connection.Command(sql.LinkMentionOrder))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var (link, mention, topic) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                if (links.Count == 0 || links[^1] != link)
                {
                    links.Add(link);
                    labelMentions.Add(mention);
                    starts.Add(topicsOf.Count);
                    seen.Clear();
                }

                if (topicAt.TryGetValue(topic, out var at) && seen.Add(at))
                {
                    topicsOf.Add(at);
                }
            }
        }

        starts.Add(topicsOf.Count);
        return new LinkTopics([.. links], [.. labelMentions], [.. starts], [.. topicsOf], [.. topics.Select(t => t.Ref)], topicAt);
    }

    /// <summary>The label and topics of each of these links that has a mention.</summary>
    public async Task<Dictionary<long, LinkMentions>> MentionsAsync(DbConnection connection, IEnumerable<long> ids, CancellationToken ct)
    {
        var found = ids.Distinct().Select(id => (Id: id, At: Array.BinarySearch(_links, id))).Where(f => f.At >= 0).ToList();
        if (found.Count == 0)
        {
            return [];
        }

        var sql = ISearchDialect.Of(connection);
        var labels = (await connection.ListAsync(sql.MentionLabels, r => (Id: r.GetInt64(0), Label: r.GetString(1)), ct,
            ("@ids", JsonSerializer.Serialize(found.Select(f => _labelMentions[f.At]))))).ToDictionary(r => r.Id, r => r.Label);
        var mentions = new Dictionary<long, LinkMentions>(found.Count);
        foreach (var (id, at) in found)
        {
            if (labels.TryGetValue(_labelMentions[at], out var label))
            {
                mentions[id] = new LinkMentions(label, [.. Enumerable.Range(_starts[at], _starts[at + 1] - _starts[at]).Select(i => _topics[_topicsOf[i]])]);
            }
        }

        return mentions;
    }

    /// <summary>The slug and title of each of these topics the catalog has, in the same order.</summary>
    public List<TopicRef> Refs(IEnumerable<long> topicIds) =>
        [.. topicIds.Where(_topicAt.ContainsKey).Select(id => _topics[_topicAt[id]])];
}
