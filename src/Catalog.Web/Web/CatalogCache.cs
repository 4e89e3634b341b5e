using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Catalog.Web.Web;

/// <summary>
/// Output caching of <see cref="CatalogPageAttribute"/> pages. Entries are keyed by the catalog version as well as the
/// URL, so a page rendered from the old catalog while an import lands is never served under the new version; the tag
/// lets <see cref="CatalogVersionWatcher"/> drop the old version's entries at once.
/// </summary>
public static class CatalogCache
{
    public const string Tag = "catalog";

    public static IServiceCollection AddCatalogCache(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            options.AddBasePolicy(policy => PerCatalogVersion(policy
                .With(context => context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<CatalogPageAttribute>() is not null)));
            options.AddPolicy(PolicyName, policy => PerCatalogVersion(policy));
        });
        return services;
    }

    /// <summary>The named policy for endpoints (the JSON API) whose answer depends only on the URL and the catalog.</summary>
    public const string PolicyName = "catalog";

    // A request that carries a cookie may be personal (an admin, a posted form): it is never answered from the cache
    // nor stored, whatever the order of the authentication middleware.
    private static void PerCatalogVersion(OutputCachePolicyBuilder policy) => policy
        .With(context => !context.HttpContext.Request.Headers.ContainsKey(HeaderNames.Cookie))
        .Cache()
        .Tag(Tag)
        .VaryByValue(http => new("catalog-version", VersionOf(http)))
        .Expire(TimeSpan.FromHours(12));

    private static string VersionOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<CatalogVersion>().Current.Version.ToString(CultureInfo.InvariantCulture);
}
