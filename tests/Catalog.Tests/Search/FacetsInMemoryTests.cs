using System.Globalization;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Search;
using Catalog.Web.Search.Postings;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Search;

/// <summary>
/// The search page's facets and the topics closest to a query, counted from the version's cards and postings, are what
/// the database's statements answer: the same rows in the same order, for words common and rare, prefixes and OR, with
/// shadowed links left out, and over a page's ids; on a copy of the seed's catalog where a third of the links have a
/// year and some topics list a link twice.
/// </summary>
public sealed class FacetsInMemoryTests(CatalogFactory factory) : IClassFixture<CatalogFactory>, IAsyncLifetime
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"catalog-facets-{Guid.NewGuid():n}.db");
    private readonly IndexTokenizer _tokenizer = new();
    private SqliteConnection _connection = null!;

    public async ValueTask InitializeAsync()
    {
        factory.CreateClient();
        await using (var source = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await source.OpenAsync();
            await source.ScalarAsync($"VACUUM INTO '{_copy}'", CancellationToken.None);
        }

        _connection = new SqliteConnection($"Data Source={_copy};Pooling=false");
        await _connection.OpenAsync();
        await _connection.ScalarAsync("""
            INSERT INTO LinkMetadata (Url, Authors, FieldSources, AttemptedAt, Year)
            SELECT Url, '[]', '{}', '2026-12-07T00:00:00+00:00', 1990 + Id % 36 FROM Links WHERE Id % 3 = 0
            ON CONFLICT (Url) DO UPDATE SET Year = excluded.Year
            """, CancellationToken.None);
        await _connection.ScalarAsync("""
            INSERT INTO Mentions (TopicId, LinkId, Label, Context, RawUrl, Place, Position)
            SELECT TopicId, LinkId, Label, Context, RawUrl, Place, Position + 100000 FROM Mentions WHERE Id % 11 = 0
            """, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _tokenizer.Dispose();
        await _connection.DisposeAsync();
        File.Delete(_copy);
    }

    [Fact]
    public async Task FacetsFromMemoryAreTheStatementsRows()
    {
        var ct = TestContext.Current.CancellationToken;
        var (postings, cards) = await ReadAsync(ct);
        var sql = ISearchDialect.Of(_connection);
        var (compared, withYears, shadowing) = (0, 0, 0);
        foreach (var expression in await ExpressionsAsync(ct))
        {
            var matches = postings.Evaluate(expression)!;
            foreach (var shadowed in new[] { new List<long>(), matches.LinkRowIds().Where((_, i) => i % 5 == 1).Take(3).ToList() })
            {
                var expected = await RowsAsync(sql.Facets(SearchFilters.None), ct, ("@match", sql.Match(expression)), ("@shadowed", JsonSerializer.Serialize(shadowed)));

                Assert.Equal(expected, cards.Facets(matches.LinkRowIds().Except(shadowed), years: true));
                compared += expected.Count;
                withYears += expected.Any(r => r.Facet == "year") ? 1 : 0;
                shadowing += shadowed.Count > 0 && expected.Count > 0 ? 1 : 0;
            }

            matches.Release();
        }

        Assert.True(compared > 2_000, $"{compared} rows compared");
        Assert.True(withYears > 50 && shadowing > 50, $"{withYears} answers with years, {shadowing} with shadowed links");
    }

    [Fact]
    public async Task FacetsOfAPagesIdsAreTheStatementsRows()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, cards) = await ReadAsync(ct);
        var sql = ISearchDialect.Of(_connection);
        var links = await _connection.ListAsync("SELECT Id FROM Links ORDER BY Id", r => r.GetInt64(0), ct);
        var random = new Random(46);
        for (var n = 0; n < 50; n++)
        {
            // Some ids twice, and some that are no link's.
            List<long> ids = [.. Enumerable.Range(0, random.Next(1, 120)).Select(_ => links[random.Next(links.Count)]), -5, links[^1] + 7];
            var expected = await RowsAsync(sql.FacetsOfIds, ct, ("@ids", JsonSerializer.Serialize(ids)));

            Assert.Equal(expected, cards.Facets(ids, years: false));
        }
    }

    [Fact]
    public async Task TheClosestTopicsFromMemoryAreTheStatements()
    {
        var ct = TestContext.Current.CancellationToken;
        var (postings, cards) = await ReadAsync(ct);
        var sql = ISearchDialect.Of(_connection);
        var answered = 0;
        foreach (var expression in await ExpressionsAsync(ct))
        {
            var matches = postings.Evaluate(expression)!;
            var expected = await _connection.ListAsync(sql.ClosestTopics, r => new TopicRef(r.GetString(0), r.GetString(1)), ct,
                ("@match", sql.Match(expression)), ("@limit", CatalogSearch.TopicLimit));
            Assert.Equal(expected, cards.Reached(matches.BestOfAll(ISearchDialect.ClosestHits), CatalogSearch.TopicLimit));
            answered += expected.Count > 0 ? 1 : 0;
            matches.Release();
        }

        Assert.True(answered > 100, $"{answered} expressions reached topics");
    }

    private async Task<(SearchPostings Postings, LinkCards Cards)> ReadAsync(CancellationToken ct)
    {
        return ((await SearchPostings.ReadAsync(_connection, _tokenizer, ct))!, await LinkCards.ReadAsync(_connection, ct));
    }

    // Words of every frequency, alone, as prefixes, and two by OR (the closest topics' shape).
    private async Task<List<string>> ExpressionsAsync(CancellationToken ct)
    {
        var words = await _connection.ListAsync("SELECT term FROM search_vocab WHERE term GLOB '[a-z]*' AND length(term) > 2 ORDER BY doc DESC, term", r => r.GetString(0), ct);
        var picked = words.Take(20).Concat(words.Where((_, i) => i % 53 == 0)).Distinct().ToList();
        static string Q(string word) => "\"" + word + "\"";
        return
        [
            .. picked.Select(Q),
            .. picked.Select(w => Q(w[..3]) + " *"),
            .. picked.Select((w, i) => $"{Q(w)} OR {Q(picked[(i * 7 + 3) % picked.Count][..3])} *"),
        ];
    }

    private Task<List<(string Facet, FacetCount Value)>> RowsAsync(string statement, CancellationToken ct, params (string, object?)[] parameters) =>
        _connection.ListAsync(statement, r => (r.GetString(0), new FacetCount(r.GetString(1), r.GetString(2), r.GetInt32(3))), ct, parameters);
}
