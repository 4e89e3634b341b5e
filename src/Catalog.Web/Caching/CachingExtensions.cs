using Catalog.Web.Data;

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
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>()
            .Configure<CatalogCachePolicy>((options, policy) => options.AddBasePolicy(policy));
        return services;
    }
}
