using System.Diagnostics;
using Catalog.Web.Data;
using Catalog.Web.Data.PostgreSql;
using Catalog.Web.Search;
using Catalog.Web.Search.Semantic;
using Catalog.Web.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Benchmarks.Relevance;

/// <summary>The catalog's own search, called in process on an imported database, the way /api/search calls it.</summary>
/// <param name="postgres">An Npgsql connection string: the catalog is in PostgreSQL, not in <paramref name="database"/>.</param>
public sealed class CatalogUnderTest(string database, string? postgres = null) : IDisposable
{
    // The catalog never changes during a run: version 0 throughout, so the lexicon is read once.
    private readonly SearchLexicons _lexicons = new(new CatalogVersion());
    private readonly TextEmbedder _embedder = new(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, "models"));
    private readonly SemanticIndex _index = new();

    private readonly DbContextOptions<CatalogDbContext> _options = postgres is null
        ? new DbContextOptionsBuilder<CatalogDbContext>().UseSqlite($"Data Source={database};Mode=ReadOnly").Options
        : (DbContextOptions<CatalogDbContext>)PostgreSqlData.Configure(new DbContextOptionsBuilder<CatalogDbContext>(), postgres).Options;

    /// <summary>Embeds every document as the server's background indexer does; returns how long it took.</summary>
    public async Task<TimeSpan> EmbedAsync(int batch)
    {
        var clock = Stopwatch.StartNew();
        await new EmbeddingPass(_embedder, _index, batch).RunAsync(new CatalogDatabase($"Data Source={database}"), 0, () => false, CancellationToken.None);
        return clock.Elapsed;
    }

    /// <summary>The links of the first page, best first: lexical only when <paramref name="fusion"/> is null.</summary>
    public async Task<IReadOnlyList<string>> SearchAsync(string text, int limit, Fusion? fusion = null)
    {
        await using var db = new CatalogDbContext(_options);
        var semantic = fusion is null ? null : new SemanticRanking(_index, _embedder, Microsoft.Extensions.Options.Options.Create(new SemanticOptions())) { Fusion = fusion };
        var results = await new CatalogSearch(db, _lexicons, semantic).SearchAsync(new SearchRequest(text, SearchFilters.None, 1, limit), withFacets: false, CancellationToken.None);
        return results.Hits.Select(h => h.Url).ToList();
    }

    /// <summary>The links nearest the query's meaning alone, best first.</summary>
    public async Task<IReadOnlyList<string>> SemanticOnlyAsync(string text, int limit)
    {
        var ranking = new SemanticRanking(_index, _embedder, Microsoft.Extensions.Options.Options.Create(new SemanticOptions())) { Fusion = Fusion.Default with { MinSimilarity = 0 } };
        using var scores = await ranking.ScoreAsync(text, CancellationToken.None);
        var ids = scores.Nearest(limit, topics: false).Select(n => n.RowId).ToList();
        await using var db = new CatalogDbContext(_options);
        var urls = await db.Links.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => (long)l.Id, l => l.Url);
        return [.. ids.Select(id => urls[id])];
    }

    /// <summary>Every search document as the index holds it (for the baseline, which must see the same text).</summary>
    public async Task<List<PreparedDocument>> DocumentsAsync()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        return (await SearchDocuments.ReadAsync(transaction, exceptSourceId: null, CancellationToken.None)).Prepare();
    }

    /// <summary>A connection to the catalog, on its provider.</summary>
    public async Task<System.Data.Common.DbConnection> OpenAsync()
    {
        if (postgres is not null)
        {
            return await new CatalogDatabase(new CatalogDatabaseSettings(DatabaseProvider.PostgreSql, postgres)).OpenAsync(CancellationToken.None);
        }

        var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose()
    {
        _lexicons.Dispose();
        _embedder.Dispose();
    }
}
