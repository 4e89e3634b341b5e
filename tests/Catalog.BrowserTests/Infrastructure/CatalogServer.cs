using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>The real app on Kestrel at 127.0.0.1 (random port) over a temporary database with the seed imported.</summary>
public sealed class CatalogServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration on top of the defaults below (another seeds folder, the link checker's).</param>
    public CatalogServer(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        Directory.CreateDirectory(Folder);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "catalog-browser-tests", Guid.NewGuid().ToString("n"));

    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Catalog", $"Data Source={Path.Combine(Folder, "catalog.db")}");
        builder.UseSetting("Catalog:SeedsPath", Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds"));
        builder.UseSetting("Catalog:AdminPassword", BrowserFixture.AdminPassword);
        foreach (var (key, value) in _settings)
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
            // Litter in the temp folder is harmless.
        }
    }
}
