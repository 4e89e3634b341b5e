using Catalog.Web.Data;
using Catalog.Web.Search;
using Catalog.Web.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Benchmarks.Relevance;

/// <summary>The catalog's own search, called in process on an imported database, the way /api/search calls it.</summary>
public sealed class CatalogUnderTest(string database) : IDisposable
{
    // The catalog never changes during a run: version 0 throughout, so the lexicon is read once.
    private readonly SearchLexicons _lexicons = new(new CatalogVersion());

    private readonly DbContextOptions<CatalogDbContext> _options =
        new DbContextOptionsBuilder<CatalogDbContext>().UseSqlite($"Data Source={database};Mode=ReadOnly").Options;

    /// <summary>The links of the first page, best first.</summary>
    public async Task<IReadOnlyList<string>> SearchAsync(string text, int limit)
    {
        await using var db = new CatalogDbContext(_options);
        var results = await new CatalogSearch(db, _lexicons).SearchAsync(new SearchRequest(text, SearchFilters.None, 1, limit), withFacets: false, CancellationToken.None);
        return results.Hits.Select(h => h.Url).ToList();
    }

    /// <summary>Every search document as the index holds it (for the baseline, which must see the same text).</summary>
    public async Task<List<PreparedDocument>> DocumentsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        return (await SearchDocuments.ReadAsync(transaction, exceptSourceId: null, CancellationToken.None)).Prepare();
    }

    public void Dispose() => _lexicons.Dispose();
}
