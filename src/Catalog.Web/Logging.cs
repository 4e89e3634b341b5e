using Catalog.Web.Operations;
using Catalog.Web.Web;
using Serilog;
using Serilog.Extensions.Hosting;
using Serilog.Settings.Configuration;

namespace Catalog.Web;

/// <summary>Serilog as in serilog-aspnetcore's sample, guarded so several hosts in one process (tests) do not clash.</summary>
public static class Logging
{
    // The sinks that ship with the app (Serilog.AspNetCore brings them), and any assembly a "Using" entry names: without
    // a list the reader scans every assembly of the app's dependencies for Serilog extensions on each start.
    private static readonly ConfigurationReaderOptions s_readerOptions = new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly,
        typeof(FileLoggerConfigurationExtensions).Assembly,
        typeof(LoggerSinkConfigurationDebugExtensions).Assembly);

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
                .ReadFrom.Configuration(builder.Configuration, s_readerOptions)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<ControlCharacterEscaping>()
                .Filter.ByExcluding(Serving.IsAddressInUse),
            preserveStaticLogger: true);
        return builder;
    }
}
