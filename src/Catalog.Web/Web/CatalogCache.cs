using System.Globalization;

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
        services.AddOutputCache(options => options.AddBasePolicy(policy => policy
            .With(context => context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<CatalogPageAttribute>() is not null)
            .Cache()
            .Tag(Tag)
            .VaryByValue(http => new("catalog-version", VersionOf(http)))
            .Expire(TimeSpan.FromHours(12))));
        return services;
    }

    private static string VersionOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<CatalogVersion>().Current.Version.ToString(CultureInfo.InvariantCulture);
}
