using System.Diagnostics;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Catalog.Tests.Admin;
using Catalog.Web.Data;
using Catalog.Web.Search;
using Catalog.Web.Search.Semantic;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Search.Semantic;

/// <summary>The app with semantic ranking on (the test host's default is off): the seed embedded in the background, then searched.</summary>
public sealed class SemanticSearchTests(SemanticSearchTests.SemanticFactory factory) : IClassFixture<SemanticSearchTests.SemanticFactory>
{
    public sealed class SemanticFactory : AdminFactory
    {
        public SemanticFactory()
        {
            With["Catalog:Search:Semantic"] = "true";
        }

        private Task? _ready;

        /// <summary>Waits (once per class) until the background indexer has embedded the seed.</summary>
        public Task ReadyAsync() => _ready ??= Task.Run(async () =>
        {
            var index = Services.GetRequiredService<SemanticIndex>();
            var clock = Stopwatch.StartNew();
            while (index.Progress.State != "ready")
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"embedding the seed did not finish: {index.Progress}");
                Assert.NotEqual("failed", index.Progress.State);
                await Task.Delay(100);
            }
        });
    }

    private static readonly HtmlParser Html = new();

    [Fact]
    public async Task AParaphraseWithFewWordsOfTheLabelFindsThePaper()
    {
        await factory.ReadyAsync();

        var urls = await SearchAsync("neural networks learn low frequencies first");

        string[] frequencyPrinciple = ["https://arxiv.org/abs/1811.10146", "https://arxiv.org/pdf/1906.09235v1.pdf", "https://www.researchgate.net/project/Deep-learning-in-Fourier-domain"];
        Assert.True(urls.Take(3).Intersect(frequencyPrinciple).Any(), string.Join(", ", urls.Take(5)));
    }

    [Fact]
    public async Task AnExactTitleStaysFirst()
    {
        await factory.ReadyAsync();

        var urls = await SearchAsync("Collapse of Deep and Narrow Neural Nets");

        Assert.Equal("https://arxiv.org/abs/1808.04947", urls[0]);
    }

    [Fact]
    public async Task PhrasesAndExclusionsStayLexical()
    {
        await factory.ReadyAsync();

        Assert.Empty(await SearchAsync("\"transport optimal\""));
        Assert.DoesNotContain("http://otml17.marcocuturi.net/", await SearchAsync("optimal transport -Kantorovich"));
    }

    [Fact]
    public async Task ALinkPageListsRelatedLinksByMeaning()
    {
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        var id = await LinkIdAsync("https://arxiv.org/abs/1808.04947");

        var page = await Html.ParseDocumentAsync(await client.GetStringAsync($"/links/{id}", TestContext.Current.CancellationToken));

        var related = page.QuerySelectorAll(".related-links li a[href^='/links/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.InRange(related.Count, 3, 10);
        Assert.DoesNotContain($"/links/{id}", related);
    }

    [Fact]
    public async Task EachSearchResultOffersMoreLikeItOnItsLinkPage()
    {
        await factory.ReadyAsync();
        var client = factory.CreateClient();

        var page = await Html.ParseDocumentAsync(await client.GetStringAsync("/search?q=thermodynamics", TestContext.Current.CancellationToken));
        var more = page.QuerySelector(".search-result .search-more-like")!.GetAttribute("href")!;
        var linkPage = await Html.ParseDocumentAsync(await client.GetStringAsync(more.Split('#')[0], TestContext.Current.CancellationToken));

        Assert.Matches("^/links/[0-9]+#related-heading$", more);
        Assert.Equal(page.QuerySelectorAll(".search-result").Length, page.QuerySelectorAll(".search-result .search-more-like").Length);
        Assert.NotEmpty(linkPage.QuerySelectorAll(".related-links li"));
    }

    [Fact]
    public async Task AdminShowsTheEmbeddingProgress()
    {
        await factory.ReadyAsync();
        var browser = await factory.SignedInBrowserAsync();

        var page = await Html.ParseDocumentAsync(await browser.GetStringAsync("/admin", TestContext.Current.CancellationToken));

        var progress = page.QuerySelector("#embedding-progress")!;
        Assert.Equal("ready", progress.GetAttribute("data-state"));
        var documents = factory.Services.GetRequiredService<SemanticIndex>().Progress.Documents;
        Assert.True(documents > 100);
        Assert.Contains($"{documents:N0} of {documents:N0} links and topics embedded", progress.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APassEmbedsOnlyTextThatChangedAndForgetsTheOldVector()
    {
        await factory.ReadyAsync();
        var ct = TestContext.Current.CancellationToken;
        var index = new SemanticIndex();
        var pass = new EmbeddingPass(factory.Services.GetRequiredService<TextEmbedder>(), index, batch: 16);
        var copy = Path.Combine(factory.Folder, "changed-text.db");
        await using var connection = await CopyAsync(copy);
        var database = new CatalogDatabase($"Data Source={copy}");
        var stored = await CountAsync(connection, "SELECT count(*) FROM SearchEmbeddings");

        await pass.RunAsync(database, 1, () => false, ct);
        var unchanged = index.Progress;
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            // One link's label: the text of that link's document alone changes, and the search index with it, in the
            // same write, as an import leaves them.
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE Mentions SET Label = Label || ' (revised)' WHERE Id = (SELECT max(Id) FROM Mentions WHERE Place <> 'Quote')";
            Assert.Equal(1, await update.ExecuteNonQueryAsync(ct));
            await SearchIndex.RebuildAsync(connection, transaction, ct);
            await transaction.CommitAsync(ct);
        }

        await pass.RunAsync(database, 2, () => false, ct);

        Assert.Equal(0, unchanged.Computed);
        Assert.Equal(unchanged.Documents, unchanged.Embedded);
        Assert.Equal(1, index.Progress.Computed);
        Assert.Equal(stored, await CountAsync(connection, "SELECT count(*) FROM SearchEmbeddings"));
    }

    [Fact]
    public async Task TheTextsEmbeddedHashAsTheSearchIndexsCopySoStoredVectorsAreKept()
    {
        await factory.ReadyAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync(ct);

        // The texts as the search index keeps them, and a link's fetched metadata, hashed here apart from the pass:
        // a database embedded by an earlier pass must find each of its vectors again.
        var before = new HashSet<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT s.title, s.quote, s.body, s.urlwords, coalesce((
                    SELECT concat_ws(' - ', m.Title, (SELECT group_concat(value, ', ') FROM json_each(m.Authors)), m.Venue, m.Abstract)
                    FROM Links l JOIN LinkMetadata m ON m.Url = l.Url
                    WHERE l.Id = s.rowid AND m.FetchedAt IS NOT NULL), '')
                FROM search_index s
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                before.Add(Convert.ToHexString(EmbeddingText.Hash(EmbeddingText.Of(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)))));
            }
        }

        var stored = new HashSet<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT TextHash FROM SearchEmbeddings";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stored.Add(Convert.ToHexString((byte[])reader.GetValue(0)));
            }
        }

        Assert.True(before.Count > 250);
        Assert.Equal(before.Order(), stored.Order());
    }

    private async Task<SqliteConnection> CopyAsync(string path)
    {
        await using (var source = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await source.OpenAsync(TestContext.Current.CancellationToken);
            await using var target = new SqliteConnection($"Data Source={path}");
            await target.OpenAsync(TestContext.Current.CancellationToken);
            source.BackupDatabase(target);
        }

        var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> SearchAsync(string query)
    {
        var client = factory.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken)).RootElement;
        return [.. json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)];
    }

    private async Task<int> LinkIdAsync(string url)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        return await db.Links.Where(l => l.Url == url).Select(l => l.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
