using System.Diagnostics;
using Serilog;
using Serilog.Events;

namespace Catalog.Web.Operations;

/// <summary>
/// One log line per request (Serilog's request logging): method, path, status, elapsed time and the request id the
/// error page shows, so a reader's report can be found in the log. Successful health checks are not logged: a load
/// balancer polls them every few seconds.
/// </summary>
/// <remarks>
/// The lines go to the logger built from configuration (Serilog section: levels, sinks). Serilog's middleware would
/// otherwise write to the static Log.Logger, which Logging keeps as the console-only bootstrap logger so that several
/// hosts can share a process.
/// </remarks>
public static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms (request {RequestId})";

    public static IApplicationBuilder UseCatalogRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
            {
                options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
                options.MessageTemplate = MessageTemplate;
                options.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("RequestId", RequestIds.Of(http));
                options.GetLevel = LevelOf;
            })
            .Use(EndAbandonedRequestsAsync);

    /// <summary>The status of a request whose client went away before the answer (nginx's convention).</summary>
    public const int ClientClosedRequest = StatusCodes.Status499ClientClosedRequest;

    // A reader who closes the tab mid-render cancels the request's token, and the page's database call throws. That is
    // not a server error: the line says 499, without an exception, and the error page is not run for nobody.
    private static async Task EndAbandonedRequestsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
    }

    private static LogEventLevel LevelOf(HttpContext http, double elapsedMs, Exception? error) =>
        error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
        : http.Request.Path.StartsWithSegments(HealthEndpoint.Path, StringComparison.OrdinalIgnoreCase) ? LogEventLevel.Verbose
        : LogEventLevel.Information;
}

/// <summary>The id of a request as people see it (error page) and as the log records it.</summary>
public static class RequestIds
{
    // The W3C trace id of the request's activity when there is one (it also reaches traces and proxies that speak
    // traceparent), else the server's own connection-and-request id.
    public static string Of(HttpContext http) => Activity.Current?.Id ?? http.TraceIdentifier;
}
