using System.Text;
using Catalog.Web;
using Catalog.Web.Data;
using Catalog.Web.Data.Sqlite;
using Catalog.Web.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Catalog.Tests.Import;

/// <summary>The import service on its own migrated SQLite file, no web host: one per test.</summary>
public sealed class TempCatalog : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("catalog-importer-");

    private TempCatalog()
    {
        Settings = new CatalogOptions { SeedsPath = _folder.FullName };
    }

    public string DatabasePath => Path.Combine(_folder.FullName, "catalog.db");

    /// <summary>The importer's settings; a test may change them before it imports.</summary>
    public CatalogOptions Settings { get; }


    public static async Task<TempCatalog> CreateAsync()
    {
        var catalog = new TempCatalog();
        await using var db = catalog.Context();
        await db.MigrateCatalogAsync(TestContext.Current.CancellationToken);
        return catalog;
    }

    public CatalogDbContext Context() => new(new DbContextOptionsBuilder<CatalogDbContext>()
        .UseSqlite($"Data Source={DatabasePath}")
        .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
        .AddInterceptors(new SqlitePragmas())
        .Options);

    public Task<ImportReport> ImportAsync(string name, string markdown, bool dryRun = false, bool confirm = false) =>
        ImportAsync(new SeedFile(name, Encoding.UTF8.GetBytes(markdown)), dryRun, confirm);

    public Task<ImportReport> ImportAsync(SeedFile file, bool dryRun = false, bool confirm = false, long? expectedVersion = null, CancellationToken? ct = null) =>
        ImportAsync(new ImportRequest(file, dryRun, "test", confirm, expectedVersion), ct);

    public async Task<ImportReport> ImportAsync(ImportRequest request, CancellationToken? ct = null)
    {
        var importer = new CatalogImporter(new CatalogDatabase($"Data Source={DatabasePath}"), Options.Create(Settings), TimeProvider.System, [], NullLogger<CatalogImporter>.Instance);
        return await importer.ImportAsync(request, ct ?? TestContext.Current.CancellationToken);
    }

    public async Task<Dictionary<string, string?>> RedirectsAsync()
    {
        await using var db = Context();
        return await db.SlugRedirects.ToDictionaryAsync(r => r.Slug, r => r.TopicSlug, TestContext.Current.CancellationToken);
    }

    public async Task<List<string>> SlugsAsync()
    {
        await using var db = Context();
        return await db.Topics.OrderBy(t => t.Position).Select(t => t.Slug).ToListAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
