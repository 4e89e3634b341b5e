using System.Text;
using Catalog.Tests.Import;
using Catalog.Web;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Catalog.Tests.Export;

/// <summary>A <see cref="TempCatalog"/> whose imports happen at times the test sets, a day apart by default.</summary>
public sealed class ClockedCatalog : IAsyncDisposable
{
    private readonly Clock _clock = new();

    private ClockedCatalog(TempCatalog catalog)
    {
        Catalog = catalog;
    }

    public TempCatalog Catalog { get; }

    public static async Task<ClockedCatalog> CreateAsync() => new(await TempCatalog.CreateAsync());

    /// <summary>Imports at the next day's noon, and returns that time.</summary>
    public async Task<(ImportReport Report, DateTimeOffset At)> ImportAsync(string name, string markdown, bool dryRun = false)
    {
        _clock.Now = _clock.Now.AddDays(1);
        return (await ImportAsync(new SeedFile(name, Encoding.UTF8.GetBytes(markdown)), dryRun), _clock.Now);
    }

    public async Task<ImportReport> ImportAsync(SeedFile file, bool dryRun)
    {
        var importer = new CatalogImporter(
            new CatalogDatabase($"Data Source={Catalog.DatabasePath}"),
            Options.Create(new CatalogOptions { SeedsPath = Path.GetTempPath() }),
            _clock, [], NullLogger<CatalogImporter>.Instance);
        return await importer.ImportAsync(new ImportRequest(file, dryRun, "test", ConfirmLargeRemoval: true), TestContext.Current.CancellationToken);
    }

    public CatalogDbContext Context() => Catalog.Context();

    public ValueTask DisposeAsync() => Catalog.DisposeAsync();

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
