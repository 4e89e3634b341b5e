using Catalog.Web.Data;

namespace Catalog.Tests.Infrastructure;

/// <summary>
/// A class fixture for theories that run on each database (<see cref="OnEachDatabaseAttribute"/>): one seeded catalog
/// (<see cref="CatalogFactory"/>) per provider, made when a test first asks for it, disposed with the class.
/// </summary>
public sealed class SeededCatalogs : IDisposable
{
    private readonly Dictionary<DatabaseProvider, CatalogFactory> _catalogs = [];
    private readonly Lock _lock = new();

    public CatalogFactory this[DatabaseProvider provider]
    {
        get
        {
            lock (_lock)
            {
                if (!_catalogs.TryGetValue(provider, out var catalog))
                {
                    _catalogs[provider] = catalog = new On(provider);
                }

                return catalog;
            }
        }
    }

    public HttpClient Client(DatabaseProvider provider) => this[provider].CreateClient();

    public void Dispose()
    {
        foreach (var catalog in _catalogs.Values)
        {
            catalog.Dispose();
        }
    }

    private sealed class On(DatabaseProvider provider) : CatalogFactory(provider);
}
