using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>
/// The topics of each link, read once per version, name a hit as the join of its mentions and topics does: the same
/// label (the first mention's, a quote's last), the same topics in the same order, for every link of the seed.
/// </summary>
public sealed class LinkTopicsTests
{
    [Theory]
    [OnEachDatabase]
    public async Task EveryLinkIsNamedAsTheJoinOfItsMentionsNamesIt(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var factory = EmptyCatalogFactory.On(provider);
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath);
        await using var connection = await new CatalogDatabase(new CatalogDatabaseSettings(factory.Provider, factory.DatabaseSettings[CatalogDatabaseSettings.ConnectionStringKey]!)).OpenAsync(ct);
        var ids = await connection.ListAsync("""SELECT "Id" FROM "Links" ORDER BY "Id" """, r => r.GetInt64(0), ct);
        var sql = ISearchDialect.Of(connection);
        var joined = (await connection.ListAsync(sql.Mentions, r => (LinkId: r.GetInt64(0), Label: r.GetString(1), Slug: r.GetString(2), Title: r.GetString(3)), ct, ("@ids", JsonSerializer.Serialize(ids))))
            .GroupBy(r => r.LinkId)
            .ToDictionary(g => g.Key, g => (g.First().Label, Topics: g.Select(r => new TopicRef(r.Slug, r.Title)).Distinct().ToList()));

        var topics = await LinkTopics.ReadAsync(connection, ct);
        var mentions = await topics.MentionsAsync(connection, [.. ids, ids.Max() + 1], ct);

        Assert.True(ids.Count > 200, $"{ids.Count} links");
        Assert.Equal(joined.Keys.Order(), mentions.Keys.Order());
        Assert.Contains(joined.Values, j => j.Topics.Count > 1);
        Assert.All(joined, j =>
        {
            Assert.Equal(j.Value.Label, mentions[j.Key].Label);
            Assert.Equal(j.Value.Topics, mentions[j.Key].Topics);
        });

        var topicIds = await connection.ListAsync("""SELECT "Id" FROM "Topics" ORDER BY "Title" DESC, "Id" """, r => r.GetInt64(0), ct);
        var refs = await connection.ListAsync("""SELECT "Slug", "Title" FROM "Topics" ORDER BY "Title" DESC, "Id" """, r => new TopicRef(r.GetString(0), r.GetString(1)), ct);
        Assert.Equal(refs, topics.Refs([.. topicIds, -1]));
    }
}
