using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Search;

public sealed class SearchIndexTests
{
    [Fact]
    public async Task IndexHasOneDocumentPerLinkAndPerTopic()
    {
        using var factory = new CatalogFactory();
        factory.CreateClient();

        await using var connection = await OpenAsync(factory.DatabasePath);
        Assert.Equal(await ScalarAsync(connection, "SELECT count(*) FROM Links"), await ScalarAsync(connection, "SELECT count(*) FROM search_index WHERE rowid > 0"));
        Assert.Equal(await ScalarAsync(connection, "SELECT count(*) FROM Topics"), await ScalarAsync(connection, "SELECT count(*) FROM search_index WHERE rowid < 0"));
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM search_index WHERE rowid > 0 AND rowid NOT IN (SELECT Id FROM Links)"));
        Assert.Equal(1, await ScalarAsync(connection, "SELECT doc FROM search_vocab WHERE term = 'kantorovich'"));
    }

    [Fact]
    public async Task AnImportReplacesTheIndexAndNoCachedAnswerSurvivesIt()
    {
        using var factory = new CatalogFactory();
        var client = factory.CreateClient();
        Assert.Equal(0, await TotalAsync(client, "zyxwvut"));

        var seed = await File.ReadAllTextAsync(Path.Combine(factory.SeedsPath, "science-of-deep-learning.md"), TestContext.Current.CancellationToken);
        var changed = seed.Replace("* https://maziarraissi.github.io/PINNs/\n", "* [Zyxwvut networks](https://example.org/zyxwvut)\n", StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
            var file = new SeedFile("science-of-deep-learning.md", System.Text.Encoding.UTF8.GetBytes(changed));
            await importer.ImportAsync(new ImportRequest(file, User: "test", ConfirmLargeRemoval: true), TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, await TotalAsync(client, "zyxwvut"));
        Assert.Equal(0, await TotalAsync(client, "PINNs"));
    }

    // A second app on the first one's database, as after an upgrade whose migration emptied the index.
    [Fact]
    public async Task AnEmptyIndexIsRebuiltOnStart()
    {
        using var first = new CatalogFactory();
        first.CreateClient();
        await using (var connection = await OpenAsync(first.DatabasePath))
        {
            await using var clear = connection.CreateCommand();
            clear.CommandText = "DELETE FROM search_index; INSERT INTO search_words (search_words) VALUES ('delete-all');";
            await clear.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        using var second = new SameDatabaseFactory(first.DatabasePath);
        Assert.Equal(1, await TotalAsync(second.CreateClient(), "PINNs"));
    }

    // An import prepares its own documents from the parsed file and the other sources' from the database; a rebuild
    // reads everything from the tables. Both must give the same index, link for link, with shared links merged.
    [Fact]
    public async Task AnImportIndexesExactlyWhatARebuildFromTheTablesWould()
    {
        using var factory = new EmptyCatalogFactory();
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath);
        var second = "# Second list\n\nIntro with a [link](https://arxiv.org/abs/1806.07572) in prose.\n\n"
            + "* [NTK, again](https://arxiv.org/abs/1806.07572)\n* [中文 标题](https://zhuanlan.zhihu.com/p/1)\n\n## Sub topic\n\n* https://example.org/only-here\n";
        await factory.ImportAsync(new SeedFile("second.md", System.Text.Encoding.UTF8.GetBytes(second)));
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath.Replace("seeds", "changed", StringComparison.Ordinal));

        await using var connection = await OpenAsync(factory.DatabasePath);
        var imported = await DocumentsAsync(connection);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await Catalog.Web.Search.SearchIndex.RebuildAsync(connection, transaction, TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        var rebuilt = await DocumentsAsync(connection);
        Assert.Equal(await ScalarAsync(connection, "SELECT count(*) FROM Links") + await ScalarAsync(connection, "SELECT count(*) FROM Topics"), imported.Count);
        Assert.Contains(imported, d => d.Contains("NTK, again", StringComparison.Ordinal) && d.Contains("in prose", StringComparison.Ordinal));
        Assert.Equal(rebuilt, imported);
    }

    private static async Task<List<string>> DocumentsAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid, title, quote, body, urlwords FROM search_index ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var documents = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            documents.Add(string.Join(" | ", Enumerable.Range(0, 5).Select(i => reader.GetValue(i).ToString())));
        }

        return documents;
    }

    private sealed class SameDatabaseFactory(string databasePath) : CatalogFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Catalog"] = $"Data Source={databasePath}",
        };
    }

    private static async Task<int> TotalAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/search?q={q}", TestContext.Current.CancellationToken)).GetProperty("total").GetInt32();

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
