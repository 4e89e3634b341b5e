using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Infrastructure;

/// <summary>
/// The real app over real HTTP (in-memory test server) on its own temporary SQLite file, with the seed imported on
/// start exactly as a fresh clone does. Each factory owns its database; nothing is shared between test classes.
/// </summary>
public class CatalogFactory : WebApplicationFactory<Program>
{
    public CatalogFactory()
    {
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "catalog-tests", Guid.NewGuid().ToString("n"));

    public string DatabasePath => Path.Combine(Folder, "catalog.db");

    /// <summary>The folder imported on first start; by default the repository's seeds copied beside the tests.</summary>
    public virtual string SeedsPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Catalog", $"Data Source={DatabasePath}");
        builder.UseSetting("Catalog:SeedsPath", SeedsPath);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platform is only litter in the temp folder.
        }
    }
}
