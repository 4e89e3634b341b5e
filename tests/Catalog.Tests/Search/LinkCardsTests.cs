using System.Data.Common;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>
/// The cards of every link, read once per version, show a hit as the link's row and the join of its mentions and
/// topics do: the same URL, kind and host, the same label (the first mention's, a quote's last), the same topics in
/// the same order, for every link of the seed.
/// </summary>
public sealed class LinkCardsTests
{
    [Theory]
    [OnEachDatabase]
    public async Task EveryLinkIsShownAsItsRowAndTheJoinOfItsMentionsShowIt(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var seeded = await Seeded.OnAsync(provider, ct);
        var connection = seeded.Connection;
        var rows = (await connection.ListAsync("""SELECT "Id", "Url", "Kind", "Host" FROM "Links" """,
            r => (Id: r.GetInt64(0), Url: r.GetString(1), Kind: r.GetString(2), Host: r.GetString(3)), ct)).ToDictionary(r => r.Id);
        var joined = (await connection.ListAsync("""
                SELECT m."LinkId", m."Label", t."Slug", t."Title" FROM "Mentions" m JOIN "Topics" t ON t."Id" = m."TopicId"
                ORDER BY m."LinkId", m."Place" = 'Quote', m."Id"
                """, r => (LinkId: r.GetInt64(0), Label: r.GetString(1), Topic: new TopicRef(r.GetString(2), r.GetString(3))), ct))
            .GroupBy(r => r.LinkId)
            .ToDictionary(g => g.Key, g => (g.First().Label, Topics: g.Select(r => r.Topic).Distinct().ToList()));

        var cards = await LinkCards.ReadAsync(connection, ct);

        Assert.True(rows.Count > 200, $"{rows.Count} links");
        Assert.Equal(rows.Keys.Order(), joined.Keys.Order());
        Assert.Contains(joined.Values, j => j.Topics.Count > 1);
        Assert.Contains(rows.Values, r => r.Host.Length > 0 && r.Kind != "paper");
        Assert.All(rows.Values, row =>
        {
            var card = cards.Of(row.Id);
            Assert.NotNull(card);
            Assert.Equal((row.Url, row.Kind, row.Host), (card.Url, card.Kind, card.Host));
            Assert.Equal(joined[row.Id].Label, card.Label);
            Assert.Equal(joined[row.Id].Topics, card.Topics);
        });
        Assert.Null(cards.Of(rows.Keys.Max() + 1));
        Assert.Null(cards.Of(0));

        var topicIds = await connection.ListAsync("""SELECT "Id" FROM "Topics" ORDER BY "Title" DESC, "Id" """, r => r.GetInt64(0), ct);
        var refs = await connection.ListAsync("""SELECT "Slug", "Title" FROM "Topics" ORDER BY "Title" DESC, "Id" """, r => new TopicRef(r.GetString(0), r.GetString(1)), ct);
        Assert.Equal(refs, cards.Refs([.. topicIds, -1]));

        // A link no topic lists (an import never leaves one) between two that are listed: labelled by its URL.
        var unlisted = rows.Keys.Order().ElementAt(rows.Count / 2);
        await connection.ScalarAsync($"""DELETE FROM "Mentions" WHERE "LinkId" = {unlisted}""", ct);
        var after = (await LinkCards.ReadAsync(connection, ct)).Of(unlisted);
        Assert.Equal((rows[unlisted].Url, rows[unlisted].Url, 0), (after?.Url, after?.Label, after?.Topics.Count));
        Assert.Equal(joined[unlisted + 1].Label, (await LinkCards.ReadAsync(connection, ct)).Of(unlisted + 1)?.Label);
    }

    [Theory]
    [OnEachDatabase]
    public async Task WhatTopicsListIsWhatTheDatabaseListsForThem(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var seeded = await Seeded.OnAsync(provider, ct);
        var connection = seeded.Connection;
        var sql = ISearchDialect.Of(connection);
        var topicIds = await connection.ListAsync("""SELECT "Id" FROM "Topics" ORDER BY "Id" """, r => r.GetInt64(0), ct);
        var cards = await LinkCards.ReadAsync(connection, ct);

        // One topic, the largest, several together (their mentions interleave by id), one twice, and one the catalog lacks.
        var random = new Random(5);
        List<List<long>> sets =
        [
            .. topicIds.Select(id => new List<long> { id }),
            .. Enumerable.Range(0, 40).Select(_ => topicIds.OrderBy(_ => random.Next()).Take(random.Next(2, 6)).ToList()),
            [topicIds[0], topicIds[0]],
            [topicIds[^1] + 1, topicIds[1]],
        ];
        var compared = 0;
        foreach (var set in sets)
        {
            var listed = (await connection.ListAsync(sql.TopicLinks(SearchFilters.None), r => r.GetInt64(0), ct,
                ("@topics", System.Text.Json.JsonSerializer.Serialize(set)))).Distinct().ToList();
            Assert.Equal(listed, cards.ListedBy(set));
            compared += listed.Count;
        }

        Assert.True(compared > 1_000, $"{compared} links listed");
    }

    // The seed imported into an empty catalog, and a connection to its database.
    private sealed class Seeded(EmptyCatalogFactory factory, DbConnection connection) : IAsyncDisposable
    {
        public DbConnection Connection => connection;

        public static async Task<Seeded> OnAsync(DatabaseProvider provider, CancellationToken ct)
        {
            var factory = EmptyCatalogFactory.On(provider);
            await factory.ImportAsync(EmptyCatalogFactory.SeedPath);
            var settings = new CatalogDatabaseSettings(factory.Provider, factory.DatabaseSettings[CatalogDatabaseSettings.ConnectionStringKey]!);
            return new Seeded(factory, await new CatalogDatabase(settings).OpenAsync(ct));
        }

        public async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            factory.Dispose();
        }
    }
}
