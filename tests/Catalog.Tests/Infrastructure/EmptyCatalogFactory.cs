using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Infrastructure;

/// <summary>A catalog that starts empty (its seeds folder has no files); tests import what they need.</summary>
public class EmptyCatalogFactory : CatalogFactory
{
    private readonly IDictionary<string, string?> _settings = new Dictionary<string, string?>();

    public EmptyCatalogFactory()
    {
    }

    protected EmptyCatalogFactory(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
        : base(provider)
    {
        _settings = settings ?? new Dictionary<string, string?>();
    }

    protected EmptyCatalogFactory(CatalogFactory sameDatabaseAs, IDictionary<string, string?>? settings = null)
        : base(sameDatabaseAs)
    {
        _settings = settings ?? new Dictionary<string, string?>();
    }

    /// <summary>An empty catalog on the given provider (a theory's <see cref="OnEachDatabaseAttribute"/> row), with settings of its own.</summary>
    public static EmptyCatalogFactory On(DatabaseProvider provider, IDictionary<string, string?>? settings = null) => new(provider, settings);

    /// <summary>A second instance on this one's database, with settings of its own.</summary>
    public EmptyCatalogFactory SecondInstance(IDictionary<string, string?>? settings = null) => new(this, settings);

    protected override IDictionary<string, string?> Settings => _settings;

    public override string SeedsPath => Path.Combine(Folder, "no-seeds");

    public static string SeedPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", "science-of-deep-learning.md");

    /// <summary>Runs the app's own import service, as the CLI and the admin pages do.</summary>
    public async Task<ImportReport> ImportAsync(SeedFile file, bool dryRun = false)
    {
        _ = Server; // starts the host: migrations run on start
        await using var scope = Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        return await importer.ImportAsync(new ImportRequest(file, dryRun, "test", ConfirmLargeRemoval: true), TestContext.Current.CancellationToken);
    }

    public Task<ImportReport> ImportAsync(string path, bool dryRun = false) =>
        ImportAsync(new SeedFile(Path.GetFileName(path), File.ReadAllBytes(path)), dryRun);
}
