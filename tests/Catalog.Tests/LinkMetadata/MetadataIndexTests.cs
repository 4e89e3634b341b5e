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
/// behind "did you mean") exactly as a rebuild from scratch would make it.
/// </summary>
public sealed class MetadataIndexTests : IAsyncLifetime
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

    private readonly EmptyCatalogFactory _catalog = new();
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _catalog.ImportAsync(new SeedFile("reading.md", Encoding.UTF8.GetBytes(Seed)));
        _client = _catalog.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _catalog.DisposeAsync();
    }

    private async Task SaveTitleAsync(string url, string title, params string[] authors)
    {
        await using var scope = _catalog.Services.CreateAsyncScope();
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

    private async Task<List<string>> FoundAsync(string query)
    {
        var response = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(query), Ct);
        return [.. response.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)];
    }

    // The index's documents and the vocabulary's terms with their document counts, as text to compare.
    private async Task<(List<string> Documents, List<string> Vocabulary)> IndexAsync()
    {
        using var db = _catalog.OpenDatabase();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var documents = await connection.ListAsync("SELECT rowid, title, quote, body, urlwords FROM search_index ORDER BY rowid",
            r => string.Join(" | ", Enumerable.Range(0, 5).Select(i => r.GetValue(i).ToString())), Ct);
        var vocabulary = await connection.ListAsync("SELECT term, doc FROM search_vocab ORDER BY term", r => $"{r.GetString(0)} {r.GetInt64(1)}", Ct);
        return (documents, vocabulary);
    }

    private async Task<(List<string> Documents, List<string> Vocabulary)> RebuiltAsync()
    {
        using (var db = _catalog.OpenDatabase())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await SearchIndex.RebuildAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), Ct);
            await transaction.CommitAsync(Ct);
        }

        return await IndexAsync();
    }

    [Fact]
    public async Task AFetchedTitleIsFoundAndTheIndexIsWhatARebuildWouldMake()
    {
        await SaveTitleAsync("https://papers.example.org/two", "Quokka dynamics of wide networks", "Ada Wombat");

        var updated = await IndexAsync();

        Assert.Equal(["https://papers.example.org/two"], await FoundAsync("quokka"));
        Assert.Equal(["https://papers.example.org/two"], await FoundAsync("wombat"));
        var rebuilt = await RebuiltAsync();
        Assert.Equal(rebuilt.Documents, updated.Documents);
        Assert.Equal(rebuilt.Vocabulary, updated.Vocabulary);
    }

    [Fact]
    public async Task TheDocumentsOfLinksWhoseMetadataDidNotChangeAreLeftAsTheyAre()
    {
        // A mark no rebuild would write: it stays only if the save leaves this link's document alone.
        using (var db = _catalog.OpenDatabase())
        {
            var five = await db.Links.Where(l => l.Url == "https://papers.example.org/five").Select(l => l.Id).SingleAsync(Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE search_index SET body = body || ' echidna' WHERE rowid = {five}", Ct);
        }

        await SaveTitleAsync("https://papers.example.org/two", "Quokka dynamics");

        Assert.Equal(["https://papers.example.org/two"], await FoundAsync("quokka"));
        Assert.Equal(["https://papers.example.org/five"], await FoundAsync("echidna"));
    }

    [Fact]
    public async Task AChangedTitleReplacesTheOldOneInTheIndexAndTheVocabulary()
    {
        await SaveTitleAsync("https://papers.example.org/one", "Quokka dynamics");
        await SaveTitleAsync("https://papers.example.org/one", "Platypus dynamics");

        var updated = await IndexAsync();

        Assert.Empty(await FoundAsync("quokka"));
        Assert.Equal(["https://papers.example.org/one"], await FoundAsync("platypus"));
        Assert.DoesNotContain(updated.Vocabulary, t => t.StartsWith("quokka ", StringComparison.Ordinal));
        var rebuilt = await RebuiltAsync();
        Assert.Equal(rebuilt.Documents, updated.Documents);
        Assert.Equal(rebuilt.Vocabulary, updated.Vocabulary);
    }
}
