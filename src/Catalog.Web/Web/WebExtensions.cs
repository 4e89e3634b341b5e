using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Web;

public static class WebExtensions
{
    /// <param name="commandLine">A CLI verb runs: nothing is served, so nothing is watched.</param>
    public static IServiceCollection AddCatalogWeb(this IServiceCollection services, IHostEnvironment environment, bool commandLine)
    {
        services.AddSingleton<CatalogVersion>();
        services.AddSingleton<Pages.NotFoundTopics>();
        // "Server: Kestrel" only tells a scanner what to try; the security headers are set in Operations/SecurityHeaders.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.Configure<RazorPagesOptions>(options => options.Conventions.Add(new CatalogPageMethods()));
        services.AddCatalogCache();
        if (!commandLine)
        {
            services.AddSingleton<CatalogVersionWatcher>();
            services.AddHostedService(provider => provider.GetRequiredService<CatalogVersionWatcher>());
            services.AddSingleton<ICatalogChangeListener>(provider => provider.GetRequiredService<CatalogVersionWatcher>());
        }

        if (CountsSqlCommands(environment))
        {
            services.AddSingleton<SqlCommandCounter>();
            services.ConfigureDbContext<CatalogDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlCommandCounter>()));
        }

        return services;
    }

    /// <summary>Error pages for empty 4xx/5xx responses; before the UseRouting that matches their re-executed requests.</summary>
    public static WebApplication UseCatalogWeb(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        return app;
    }

    /// <summary>
    /// The output cache, early: a cached page is answered before static files, status pages, authentication and
    /// authorization run. Its policy needs the endpoint's <see cref="CatalogPageAttribute"/>, so routing runs here
    /// first; the UseRouting after the status pages still routes their re-executed requests (routing skips a request
    /// that already has its endpoint). Requests with a cookie (an admin's) are never cached, so no authorization
    /// decision is skipped.
    /// </summary>
    public static WebApplication UseCatalogCache(this WebApplication app)
    {
        // SQL command counting (Development/Testing) is outside the cache: a cached answer reports its zero commands.
        if (CountsSqlCommands(app.Environment))
        {
            var logger = app.Services.GetRequiredService<ILogger<SqlCommandCounter>>();
            app.Use((context, next) => SqlCommandCounter.CountRequestAsync(context, next, logger));
        }

        app.UseRouting();
        app.UseOutputCache();
        return app;
    }

    private static bool CountsSqlCommands(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
