using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;

namespace Catalog.Tests.Load;

/// <summary>The real app on Kestrel at 127.0.0.1 (a free port), real sockets, over its own temporary database.</summary>
public sealed class KestrelCatalogServer : CatalogFactory
{
    public KestrelCatalogServer()
        : this(DatabaseProvider.Sqlite)
    {
    }

    private KestrelCatalogServer(DatabaseProvider provider)
        : base(provider)
    {
        BaseAddress = StartOnLoopback();
    }

    private KestrelCatalogServer(KestrelCatalogServer sameDatabaseAs)
        : base(sameDatabaseAs)
    {
        BaseAddress = StartOnLoopback();
    }

    public Uri BaseAddress { get; }

    /// <summary>On a database of its own on <paramref name="provider"/> (a PostgreSQL one is dropped on dispose).</summary>
    public static KestrelCatalogServer On(DatabaseProvider provider) => new(provider);

    /// <summary>Another instance of the app on this one's database, as a second server behind a load balancer.</summary>
    public KestrelCatalogServer SecondInstance() => new(this);
}
