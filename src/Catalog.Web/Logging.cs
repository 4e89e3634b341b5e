using Serilog;
using Serilog.Extensions.Hosting;

namespace Catalog.Web;

/// <summary>Serilog as in serilog-aspnetcore's sample, guarded so several hosts in one process (tests) do not clash.</summary>
public static class Logging
{
    public static void CreateBootstrapLogger()
    {
        if (Log.Logger is not ReloadableLogger)
        {
            Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
        }
    }

    public static WebApplicationBuilder AddCatalogLogging(this WebApplicationBuilder builder)
    {
        // preserveStaticLogger: the bootstrap logger is never frozen, so a second host (WebApplicationFactory) can start.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// Request logging through the configured logger. Left to itself the middleware writes through the static
    /// <c>Log.Logger</c>, which <c>preserveStaticLogger</c> keeps as the never-frozen bootstrap logger: its
    /// configuration (levels, sinks) would not apply, and every request took its lock (measured: about a third of the
    /// server's work for a cached answer).
    /// </summary>
    public static WebApplication UseCatalogRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        return app;
    }
}
