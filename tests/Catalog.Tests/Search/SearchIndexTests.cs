using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Search;

/// <summary>The search index, written by the import, the start-up and a rebuild, on each database.</summary>
public sealed class SearchIndexTests
{
    [Theory]
    [OnEachDatabase]
    public async Task IndexHasOneDocumentPerLinkAndPerTopic(DatabaseProvider provider)
    {
        using var factory = EmptyCatalogFactory.On(provider);
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath);

        await using var connection = await OpenAsync(factory);
        Assert.Equal(await ScalarAsync(connection, """SELECT count(*) FROM "Links" """), await ScalarAsync(connection, "SELECT count(*) FROM search_index WHERE rowid > 0"));
        Assert.Equal(await ScalarAsync(connection, """SELECT count(*) FROM "Topics" """), await ScalarAsync(connection, "SELECT count(*) FROM search_index WHERE rowid < 0"));
        Assert.Equal(0, await ScalarAsync(connection, """SELECT count(*) FROM search_index WHERE rowid > 0 AND rowid NOT IN (SELECT "Id" FROM "Links")"""));
        Assert.Equal(1, await ScalarAsync(connection, "SELECT doc FROM search_vocab WHERE term = 'kantorovich'"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AnImportReplacesTheIndexAndNoCachedAnswerSurvivesIt(DatabaseProvider provider)
    {
        using var factory = EmptyCatalogFactory.On(provider);
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath);
        var client = factory.CreateClient();
        Assert.Equal(0, await TotalAsync(client, "zyxwvut"));

        var seed = await File.ReadAllTextAsync(EmptyCatalogFactory.SeedPath, TestContext.Current.CancellationToken);
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
    [Theory]
    [OnEachDatabase]
    public async Task AnEmptyIndexIsRebuiltOnStart(DatabaseProvider provider)
    {
        using var first = EmptyCatalogFactory.On(provider);
        await first.ImportAsync(EmptyCatalogFactory.SeedPath);
        await using (var connection = await OpenAsync(first))
        {
            await using var clear = connection.CreateCommand();
            clear.CommandText = provider == DatabaseProvider.Sqlite
                ? "DELETE FROM search_index; INSERT INTO search_words (search_words) VALUES ('delete-all');"
                : "DELETE FROM search_index; DELETE FROM search_vocab;";
            await clear.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        using var second = first.SecondInstance();
        Assert.Equal(1, await TotalAsync(second.CreateClient(), "PINNs"));
        await using var rebuilt = await OpenAsync(first);
        Assert.Equal(1, await ScalarAsync(rebuilt, "SELECT doc FROM search_vocab WHERE term = 'kantorovich'"));
    }

    // An import prepares its own documents from the parsed file and the other sources' from the database; a rebuild
    // reads everything from the tables. Both must give the same index, link for link, with shared links merged.
    [Theory]
    [OnEachDatabase]
    public async Task AnImportIndexesExactlyWhatARebuildFromTheTablesWould(DatabaseProvider provider)
    {
        using var factory = EmptyCatalogFactory.On(provider);
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath);
        var second = "# Second list\n\nIntro with a [link](https://arxiv.org/abs/1806.07572) in prose.\n\n"
            + "* [NTK, again](https://arxiv.org/abs/1806.07572)\n* [中文 标题](https://zhuanlan.zhihu.com/p/1)\n\n## Sub topic\n\n* https://example.org/only-here\n";
        await factory.ImportAsync(new SeedFile("second.md", System.Text.Encoding.UTF8.GetBytes(second)));
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath.Replace("seeds", "changed", StringComparison.Ordinal));

        await using var connection = await OpenAsync(factory);
        var imported = await DocumentsAsync(connection);
        var vocabulary = await VocabularyAsync(connection);
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await Catalog.Web.Search.SearchIndex.RebuildAsync(connection, transaction, TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        var rebuilt = await DocumentsAsync(connection);
        Assert.Equal(await ScalarAsync(connection, """SELECT count(*) FROM "Links" """) + await ScalarAsync(connection, """SELECT count(*) FROM "Topics" """), imported.Count);
        Assert.Contains(imported, d => d.Contains("NTK, again", StringComparison.Ordinal) && d.Contains("in prose", StringComparison.Ordinal));
        Assert.Equal(rebuilt, imported);
        Assert.Equal(await VocabularyAsync(connection), vocabulary);
        Assert.Contains(vocabulary, w => w.StartsWith("中 ", StringComparison.Ordinal));
    }

    private static async Task<List<string>> DocumentsAsync(DbConnection connection)
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

    private static async Task<List<string>> VocabularyAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT term, doc FROM search_vocab ORDER BY term";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var words = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            words.Add(reader.GetString(0) + " " + reader.GetInt64(1));
        }

        return words;
    }

    private static async Task<int> TotalAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/search?q={q}", TestContext.Current.CancellationToken)).GetProperty("total").GetInt32();

    private static Task<DbConnection> OpenAsync(CatalogFactory factory) =>
        new CatalogDatabase(new CatalogDatabaseSettings(factory.Provider, factory.DatabaseSettings[CatalogDatabaseSettings.ConnectionStringKey]!)).OpenAsync(TestContext.Current.CancellationToken);

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
