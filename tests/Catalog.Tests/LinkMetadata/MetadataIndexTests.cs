using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Links.Metadata;
using Catalog.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.LinkMetadata;

/// <summary>
/// Saving metadata re-indexes only the links whose fetched text changed, and leaves the index (and the vocabulary
/// behind "did you mean") exactly as a rebuild from scratch would make it, on each database.
/// </summary>
public sealed class MetadataIndexTests
{
    private const string Seed = """
        # Reading

        ## Papers

        - https://papers.example.org/one
        - [A named paper](https://papers.example.org/two)
        - https://papers.example.org/three

        ## Quotes

        > A sentence worth keeping. ([source](https://papers.example.org/two))

        - https://papers.example.org/four
        - https://papers.example.org/five
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The seed above imported into a catalog of its own on the provider.</summary>
    private sealed class Reading(EmptyCatalogFactory catalog) : IAsyncDisposable
    {
        public EmptyCatalogFactory Catalog => catalog;

        public HttpClient Client { get; } = catalog.CreateClient();

        public static async Task<Reading> ImportAsync(DatabaseProvider provider)
        {
            var catalog = EmptyCatalogFactory.On(provider);
            await catalog.ImportAsync(new SeedFile("reading.md", Encoding.UTF8.GetBytes(Seed)));
            return new Reading(catalog);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await catalog.DisposeAsync();
        }
    }

    private static async Task SaveTitleAsync(Reading reading, string url, string title, params string[] authors)
    {
        await using var scope = reading.Catalog.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var row = await db.LinkMetadata.AsTracking().SingleOrDefaultAsync(r => r.Url == url, Ct);
        if (row is null)
        {
            row = new LinkMetadataRow { Url = url };
            db.LinkMetadata.Add(row);
        }

        row.Title = title;
        row.Authors = JsonSerializer.Serialize(authors);
        row.FetchedAt = row.AttemptedAt = DateTimeOffset.UtcNow;
        await scope.ServiceProvider.GetRequiredService<LinkMetadataStore>().SaveAsync(Ct);
    }

    private static async Task<List<string>> FoundAsync(Reading reading, string query)
    {
        var response = await reading.Client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(query), Ct);
        return [.. response.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)];
    }

    // The index's documents and the vocabulary's terms with their document counts, as text to compare.
    private static async Task<(List<string> Documents, List<string> Vocabulary)> IndexAsync(Reading reading)
    {
        using var db = reading.Catalog.OpenDatabase();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var documents = await connection.ListAsync("SELECT rowid, title, quote, body, urlwords FROM search_index ORDER BY rowid",
            r => string.Join(" | ", Enumerable.Range(0, 5).Select(i => r.GetValue(i).ToString())), Ct);
        var vocabulary = await connection.ListAsync("SELECT term, doc FROM search_vocab ORDER BY term", r => $"{r.GetString(0)} {r.GetInt64(1)}", Ct);
        return (documents, vocabulary);
    }

    private static async Task<(List<string> Documents, List<string> Vocabulary)> RebuiltAsync(Reading reading)
    {
        using (var db = reading.Catalog.OpenDatabase())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await SearchIndex.RebuildAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), Ct);
            await transaction.CommitAsync(Ct);
        }

        return await IndexAsync(reading);
    }

    [Theory]
    [OnEachDatabase]
    public async Task AFetchedTitleIsFoundAndTheIndexIsWhatARebuildWouldMake(DatabaseProvider provider)
    {
        await using var reading = await Reading.ImportAsync(provider);
        await SaveTitleAsync(reading, "https://papers.example.org/two", "Quokka dynamics of wide networks", "Ada Wombat");

        var updated = await IndexAsync(reading);

        Assert.Equal(["https://papers.example.org/two"], await FoundAsync(reading, "quokka"));
        Assert.Equal(["https://papers.example.org/two"], await FoundAsync(reading, "wombat"));
        var rebuilt = await RebuiltAsync(reading);
        Assert.Equal(rebuilt.Documents, updated.Documents);
        Assert.Equal(rebuilt.Vocabulary, updated.Vocabulary);
    }

    [Theory]
    [OnEachDatabase]
    public async Task TheDocumentsOfLinksWhoseMetadataDidNotChangeAreLeftAsTheyAre(DatabaseProvider provider)
    {
        await using var reading = await Reading.ImportAsync(provider);
        // A mark no rebuild would write: it stays only if the save leaves this link's document alone.
        using (var db = reading.Catalog.OpenDatabase())
        {
            var five = await db.Links.Where(l => l.Url == "https://papers.example.org/five").Select(l => l.Id).SingleAsync(Ct);
            await (provider == DatabaseProvider.Sqlite
                ? db.Database.ExecuteSqlAsync($"UPDATE search_index SET body = body || ' echidna' WHERE rowid = {five}", Ct)
                : db.Database.ExecuteSqlAsync($"UPDATE search_index SET body = body || ' echidna', document = document || to_tsvector('simple', 'echidna') WHERE rowid = {five}", Ct));
        }

        await SaveTitleAsync(reading, "https://papers.example.org/two", "Quokka dynamics");

        Assert.Equal(["https://papers.example.org/two"], await FoundAsync(reading, "quokka"));
        Assert.Equal(["https://papers.example.org/five"], await FoundAsync(reading, "echidna"));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AChangedTitleReplacesTheOldOneInTheIndexAndTheVocabulary(DatabaseProvider provider)
    {
        await using var reading = await Reading.ImportAsync(provider);
        await SaveTitleAsync(reading, "https://papers.example.org/one", "Quokka dynamics");
        await SaveTitleAsync(reading, "https://papers.example.org/one", "Platypus dynamics");

        var updated = await IndexAsync(reading);

        Assert.Empty(await FoundAsync(reading, "quokka"));
        Assert.Equal(["https://papers.example.org/one"], await FoundAsync(reading, "platypus"));
        Assert.DoesNotContain(updated.Vocabulary, t => t.StartsWith("quokka ", StringComparison.Ordinal));
        var rebuilt = await RebuiltAsync(reading);
        Assert.Equal(rebuilt.Documents, updated.Documents);
        Assert.Equal(rebuilt.Vocabulary, updated.Vocabulary);
    }
}
