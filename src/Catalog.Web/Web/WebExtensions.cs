using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Web;

public static class WebExtensions
{
    /// <param name="commandLine">A CLI verb runs: nothing is served, so nothing is watched.</param>
    public static IServiceCollection AddCatalogWeb(this IServiceCollection services, IHostEnvironment environment, bool commandLine)
    {
        services.AddSingleton<CatalogVersion>();
        services.AddCatalogCache();
        if (!commandLine)
        {
            services.AddSingleton<CatalogVersionWatcher>();
            services.AddHostedService(provider => provider.GetRequiredService<CatalogVersionWatcher>());
            services.AddSingleton<ICatalogChangeListener>(provider => provider.GetRequiredService<CatalogVersionWatcher>());
        }

        if (CountsSqlCommands(environment))
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<SqlCommandCounter>();
            services.ConfigureDbContext<CatalogDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlCommandCounter>()));
        }

        return services;
    }

    /// <summary>Error pages for empty 4xx/5xx responses and SQL command counting (Development/Testing); before routing.</summary>
    public static WebApplication UseCatalogWeb(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        if (CountsSqlCommands(app.Environment))
        {
            var logger = app.Services.GetRequiredService<ILogger<SqlCommandCounter>>();
            app.Use((context, next) => SqlCommandCounter.CountRequestAsync(context, next, logger));
        }

        return app;
    }

    /// <summary>The output cache reads the endpoint's <see cref="CatalogPageAttribute"/>: after routing and authorization.</summary>
    public static WebApplication UseCatalogCache(this WebApplication app)
    {
        app.UseOutputCache();
        return app;
    }

    private static bool CountsSqlCommands(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
