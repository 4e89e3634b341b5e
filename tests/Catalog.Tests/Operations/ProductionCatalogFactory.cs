using System.Collections.Concurrent;
using Catalog.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Catalog.Tests.Operations;

/// <summary>
/// The app as it runs in production (environment "Production", its appsettings.json logging), with every log event
/// kept for the test, and two test-only paths that fail: <see cref="FailingPaths.Page"/> and <see cref="FailingPaths.Api"/>.
/// </summary>
public sealed class ProductionCatalogFactory : CatalogFactory
{
    public ConcurrentQueue<LogEvent> LogEvents { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
        {
            // Serilog's ReadFrom.Services adds every ILogEventSink of the container to the app's logger.
            services.AddSingleton<ILogEventSink>(new Collector(LogEvents));
            services.AddSingleton<IStartupFilter, FailingPaths>();
        });
    }

    private sealed class Collector(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}

/// <summary>
/// Paths that throw, appended after the app's own pipeline: they are reached when no endpoint matched, from inside
/// every middleware the app set up (error handling, headers, request logging), as a failing page would be.
/// </summary>
public sealed class FailingPaths : IStartupFilter
{
    public const string Page = "/test/fail";

    public const string Api = "/api/test/fail";

    /// <summary>A page whose client goes away while it renders (the request is aborted, the page sees it cancelled).</summary>
    public const string Abandoned = "/test/abandoned";

    /// <summary>The exception's message: it must reach the log and never the response.</summary>
    public const string Secret = "Secret detail: connection string Password=hunter2";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((context, following) =>
        {
            if (context.Request.Path == Abandoned)
            {
                context.Abort();
                context.RequestAborted.ThrowIfCancellationRequested();
            }

            return context.Request.Path == Page || context.Request.Path == Api
                ? throw new InvalidOperationException(Secret)
                : following(context);
        });
    };
}
