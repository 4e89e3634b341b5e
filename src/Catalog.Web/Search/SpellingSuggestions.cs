using System.Data.Common;
using Catalog.Web.Web;
using Microsoft.Extensions.Caching.Memory;

namespace Catalog.Web.Search;

/// <summary>
/// "Did you mean" answers by catalog version and query: a respelling scans a slice of the vocabulary and is asked for
/// every search that finds nothing, including the many that the output cache does not hold. The catalog only changes
/// through an import, which bumps the version, so an entry is never stale, only unused.
/// </summary>
public sealed class SpellingSuggestions(CatalogVersion version) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 4096 });
    private long _computed;

    /// <summary>How many respellings were computed rather than found in the cache (for tests and diagnostics).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    public async Task<string?> DidYouMeanAsync(DbConnection connection, SearchQuery query, CancellationToken ct)
    {
        var key = (version.Current.Version, query.ToText());
        if (_cache.TryGetValue(key, out string? known))
        {
            return known;
        }

        Interlocked.Increment(ref _computed);
        var suggestion = await Vocabulary.DidYouMeanAsync(connection, query, ct);
        _cache.Set(key, suggestion, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return suggestion;
    }

    public void Dispose() => _cache.Dispose();
}
