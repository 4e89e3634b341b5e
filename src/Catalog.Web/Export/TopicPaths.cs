using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Export;

/// <summary>Every topic's path of titles from its root ("Theory › Generalization"), from one query.</summary>
public sealed class TopicPaths(Dictionary<int, (int? ParentId, string Title)> topics)
{
    public static async Task<TopicPaths> LoadAsync(CatalogDbContext db, CancellationToken ct) =>
        new(await db.Topics.AsNoTracking().Select(t => new { t.Id, t.ParentId, t.Title })
            .ToDictionaryAsync(t => t.Id, t => (t.ParentId, t.Title), ct));

    public string PathOf(int topicId)
    {
        var titles = new List<string>();
        for (int? id = topicId; id is { } current && topics.TryGetValue(current, out var topic); id = topic.ParentId)
        {
            titles.Add(topic.Title);
        }

        titles.Reverse();
        return string.Join(" › ", titles);
    }
}
