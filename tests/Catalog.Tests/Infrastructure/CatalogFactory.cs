using Catalog.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Infrastructure;

/// <summary>
/// The real app over real HTTP (in-memory test server) on its own temporary SQLite file (or PostgreSQL database), with
/// the seed imported on start exactly as a fresh clone does. Each factory owns its database; nothing is shared between
/// test classes.
/// </summary>
public class CatalogFactory : WebApplicationFactory<Program>
{
    private readonly string? _postgres;
    private readonly CatalogFactory? _sameDatabaseAs;

    public CatalogFactory()
        : this(DatabaseProvider.Sqlite)
    {
    }

    /// <param name="provider">PostgreSql: a database of its own on <see cref="TestPostgres"/>'s server, dropped on dispose.</param>
    /// <remarks>Protected: a class fixture may have one public constructor only.</remarks>
    protected CatalogFactory(DatabaseProvider provider)
    {
        Directory.CreateDirectory(Folder);
        Provider = provider;
        if (provider == DatabaseProvider.PostgreSql)
        {
            _postgres = TestPostgres.CreateDatabaseAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Another instance of the app on <paramref name="sameDatabaseAs"/>'s database, as a second server behind a load
    /// balancer: its own host (caches, version watcher, background services), the same data, on the same provider.
    /// The database stays the first factory's, which drops it.
    /// </summary>
    protected CatalogFactory(CatalogFactory sameDatabaseAs)
    {
        Directory.CreateDirectory(Folder);
        Provider = sameDatabaseAs.Provider;
        _sameDatabaseAs = sameDatabaseAs;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The settings that point another host at this factory's database (a second instance).</summary>
    public Dictionary<string, string?> DatabaseSettings => _sameDatabaseAs?.DatabaseSettings ?? new()
    {
        [CatalogDatabaseSettings.ProviderKey] = Provider.ToString(),
        [CatalogDatabaseSettings.ConnectionStringKey] = _postgres ?? $"Data Source={DatabasePath}",
    };

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "catalog-tests", Guid.NewGuid().ToString("n"));

    public string DatabasePath => _sameDatabaseAs?.DatabasePath ?? Path.Combine(Folder, "catalog.db");

    /// <summary>The folder imported on first start; by default the repository's seeds copied beside the tests.</summary>
    public virtual string SeedsPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds");

    /// <summary>Starts the app on Kestrel at 127.0.0.1 on a free port (real sockets) and returns its address.</summary>
    protected Uri StartOnLoopback()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        return ClientOptions.BaseAddress;
    }

    /// <summary>A fresh DbContext on the test's database, for asserting what was stored.</summary>
    public CatalogDbContext OpenDatabase() => Services.CreateScope().ServiceProvider.GetRequiredService<CatalogDbContext>();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in DatabaseSettings)
        {
            builder.UseSetting(key, value);
        }

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
        if (_postgres is not null)
        {
            TestPostgres.DropDatabaseAsync(_postgres).GetAwaiter().GetResult();
        }

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
