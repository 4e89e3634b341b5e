using Catalog.Web.Data;
using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.Web.Caching;

public static class CachingExtensions
{
    /// <summary>The in-memory response cache of <see cref="CatalogCachePolicy"/>, keyed on the catalog's data version.</summary>
    public static IServiceCollection AddCatalogCaching(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = DataExtensions.ResolveConnectionString(
            configuration.GetConnectionString("Catalog") ?? DataExtensions.DefaultConnectionString, environment.ContentRootPath);
        services.AddSingleton(new CatalogDataVersion(connectionString));
        services.AddSingleton<CatalogCachePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<CatalogCachePolicy>((options, policy) =>
        {
            options.AddBasePolicy(policy);

            // Pages are 10-600 KB; a third of the default 100 MB keeps a search-heavy day inside the server's 250 MB.
            options.SizeLimit = 32 * 1024 * 1024;
        });
        return services;
    }
}
