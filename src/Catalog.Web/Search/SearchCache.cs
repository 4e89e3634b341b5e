using Microsoft.Extensions.Caching.Memory;

namespace Catalog.Web.Search;

/// <summary>
/// Search answers by catalog version: the catalog only changes through an import, which bumps CatalogState.Version
/// and records an import run (<see cref="SearchSql.CatalogStamp"/>), so an entry can never be stale, only unused. Its own bounded cache, not the app's shared IMemoryCache.
/// </summary>
public sealed class SearchCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2000 });

    public sealed record Key(string CatalogStamp, string Kind, SearchRequest Request);

    public bool TryGet<T>(Key key, out T? value) => _cache.TryGetValue(key, out value);

    public void Set<T>(Key key, T value) =>
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });

    public void Dispose() => _cache.Dispose();
}
