using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.Web.Web;

/// <summary>
/// Output caching of <see cref="CatalogPageAttribute"/> pages and of the API endpoints that ask for
/// <see cref="PolicyName"/>. Entries are keyed by the catalog version as well as the URL, so a page rendered from the
/// old catalog while an import lands is never served under the new version; the tag lets
/// <see cref="CatalogVersionWatcher"/> drop the old version's entries at once.
/// </summary>
public static class CatalogCache
{
    public const string Tag = "catalog";

    /// <summary>The named policy for endpoints (the JSON API) whose answer depends only on the URL and the catalog.</summary>
    public const string PolicyName = "catalog";

    /// <summary>All cached answers together; the least recently used go first when it is full.</summary>
    public const long SizeLimitBytes = 64L * 1024 * 1024;

    /// <summary>A larger answer (the whole topic list of a very large catalog, say) is served, not stored.</summary>
    public const long MaximumBodyBytes = 4L * 1024 * 1024;

    public static IServiceCollection AddCatalogCache(this IServiceCollection services)
    {
        services.AddSingleton<LongTailFilter>();
        services.AddOutputCache(options =>
        {
            options.SizeLimit = SizeLimitBytes;
            options.MaximumBodySize = MaximumBodyBytes;
            // Slugs match case-sensitively, so keys must too: a 404 for /topics/ABC must not share a key with /topics/abc.
            options.UseCaseSensitivePaths = true;
            options.AddBasePolicy(new CatalogCachePolicy(pagesOnly: true));
            options.AddPolicy(PolicyName, new CatalogCachePolicy(pagesOnly: false));
        });
        return services;
    }
}
