using Catalog.Tests.Infrastructure;
using Catalog.Web.Data.Sqlite;
using Catalog.Web.Search;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Search;

/// <summary>
/// The plans SQLite picks for the search queries: FTS5 drives every query and hands rows over in rank order, the
/// catalog tables are read by primary key or covering index, and nothing is sorted or scanned whole. (SQLite only:
/// PostgreSQL plans its own queries, Data/PostgreSql/PostgreSqlSearch.cs.)
/// </summary>
public sealed class SearchSqlTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private static readonly SqliteSearch s_sql = SqliteSearch.Instance;

    private static readonly SearchFilters s_allFilters = new("approximation-theory-for-deep-learning", "paper", "arxiv.org");

    [Fact]
    public async Task HitsAreRankedByFts5AndJoinedByPrimaryKey()
    {
        var plan = await PlanAsync(s_sql.Hits(s_allFilters));

        Assert.StartsWith("SCAN search_index VIRTUAL TABLE INDEX", plan[0], StringComparison.Ordinal);
        Assert.Contains("SEARCH l USING INTEGER PRIMARY KEY (rowid=?)", plan);
        Assert.Contains(plan, p => p.StartsWith("SEARCH fm USING COVERING INDEX IX_Mentions_LinkId_TopicId", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TopicsAndSuggestionsNeedNoSort()
    {
        Assert.DoesNotContain(await PlanAsync(s_sql.Topics), p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain(await PlanAsync(s_sql.SuggestedLinks), p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LabelsOfTheSuggestionsAreFoundThroughTheLinkIndex()
    {
        var plan = await PlanAsync(s_sql.Labels);

        Assert.Contains(plan, p => p.StartsWith("SEARCH Mentions USING INDEX IX_Mentions_LinkId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FacetsReadEachHitOnceAndTopicsFromTheCoveringIndex()
    {
        var plan = await PlanAsync(s_sql.Facets(SearchFilters.None));

        Assert.Single(plan, p => p.StartsWith("SCAN search_index VIRTUAL TABLE", StringComparison.Ordinal));
        Assert.Contains("SEARCH m USING COVERING INDEX IX_Mentions_LinkId_TopicId (LinkId=?)", plan);
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN Links", StringComparison.Ordinal) || p.StartsWith("SCAN m", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameWorkIsFoundThroughTheCanonicalIdIndexAndItsMatchesByRowid()
    {
        var links = await PlanAsync(s_sql.SameWorkLinks);
        var matches = await PlanAsync(s_sql.SameWorkMatches(s_allFilters));

        Assert.Contains(links, p => p.StartsWith("SEARCH w USING INDEX IX_LinkMetadata_CanonicalId", StringComparison.Ordinal));
        Assert.DoesNotContain(links, p => p.StartsWith("SCAN l", StringComparison.Ordinal) || p.StartsWith("SCAN w", StringComparison.Ordinal));
        Assert.Contains(matches, p => p.StartsWith("SCAN search_index VIRTUAL TABLE INDEX", StringComparison.Ordinal));
        Assert.Contains("SEARCH l USING INTEGER PRIMARY KEY (rowid=?)", matches);
    }

    [Fact]
    public async Task QueriesOverGivenIdsReadTheMatchOnceInsteadOfLookingUpEachId()
    {
        // FTS5's index string starts with '=' when SQLite hands it rowids to look up one by one.
        foreach (var sql in new[] { s_sql.SameWorkMatches(s_allFilters), s_sql.Matching, s_sql.Snippets })
        {
            var plan = await PlanAsync(sql);

            var scan = Assert.Single(plan, p => p.StartsWith("SCAN search_index VIRTUAL TABLE INDEX", StringComparison.Ordinal));
            Assert.DoesNotContain(":=", scan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task APagesSnippetsWithoutPrefixesLookUpEachId()
    {
        var plan = await PlanAsync(s_sql.SnippetsByLookup);

        var scan = Assert.Single(plan, p => p.StartsWith("SCAN search_index VIRTUAL TABLE INDEX", StringComparison.Ordinal));
        Assert.Contains(":=", scan, StringComparison.Ordinal);
    }

    private async Task<List<string>> PlanAsync(string sql)
    {
        factory.CreateClient();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "@match", "@limit", "@offset", "@ids", "@kind", "@host", "@topic", "@shadowed" })
        {
            command.Parameters.AddWithValue(name, name == "@match" ? "\"deep\"" : name is "@ids" or "@shadowed" ? "[1,2]" : "1");
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            plan.Add(reader.GetString(3));
        }

        TestContext.Current.SendDiagnosticMessage(string.Join(Environment.NewLine, plan));
        return plan;
    }
}
