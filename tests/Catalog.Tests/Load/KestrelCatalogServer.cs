using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;

namespace Catalog.Tests.Load;

/// <summary>The real app on Kestrel at 127.0.0.1 (a free port), real sockets, over its own temporary database.</summary>
public sealed class KestrelCatalogServer : CatalogFactory
{
    private readonly IDictionary<string, string?> _settings;

    public KestrelCatalogServer()
        : this(DatabaseProvider.Sqlite, new Dictionary<string, string?>())
    {
    }

    private KestrelCatalogServer(DatabaseProvider provider, IDictionary<string, string?> settings)
        : base(provider)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>On a database of its own on <paramref name="provider"/> (a PostgreSQL one is dropped on dispose).</summary>
    public static KestrelCatalogServer On(DatabaseProvider provider) => new(provider, new Dictionary<string, string?>());

    /// <summary>
    /// Another instance of the app on this one's database, as a second server behind a load balancer: its own process
    /// state (caches, version watcher, scheduler), the same data. Its settings point at this database, which it does
    /// not drop; the SQLite folder it makes for itself stays unused.
    /// </summary>
    public KestrelCatalogServer SecondInstance() => new(DatabaseProvider.Sqlite, DatabaseSettings);

    protected override IDictionary<string, string?> Settings => _settings;
}
