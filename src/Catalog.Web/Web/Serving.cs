using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Web;

/// <summary>
/// Runs the server: caps its thread pool at one worker thread a core (<see cref="CatalogOptions.WorkerThreads"/>), says
/// where it serves in one plain line, and turns a taken port into one line, not a stack trace.
/// </summary>
public static class Serving
{
    /// <returns>The process exit code: 0 after a normal shutdown, 1 when an address cannot be bound.</returns>
    public static async Task<int> ServeAsync(this WebApplication app)
    {
        LimitWorkerThreads(app);
        app.Lifetime.ApplicationStarted.Register(() => AnnounceAddresses(app));
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (IsAddressInUse(e))
        {
            Console.Error.WriteLine(
                $"Cannot serve: {e.Message.TrimEnd('.')}. Choose another address with --urls http://localhost:5080 or ASPNETCORE_URLS.");
            return 1;
        }
    }

    // Only in the app's own process: the thread pool is the process's, and a test host runs this entry point too (a
    // factory that serves over Kestrel keeps it running past Build()), where a cap starved the test runner's own
    // blocking waits.
    private static void LimitWorkerThreads(WebApplication app)
    {
        if (Assembly.GetEntryAssembly() != typeof(Serving).Assembly)
        {
            return;
        }

        var workers = app.Services.GetRequiredService<IOptions<CatalogOptions>>().Value.WorkerThreads ?? Environment.ProcessorCount;
        if (workers == 0)
        {
            return;
        }

        // The pool keeps at least its minimum (the core count by default), and refuses a maximum below it.
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.GetMaxThreads(out _, out var maxIo);
        if (workers < minWorkers)
        {
            ThreadPool.SetMinThreads(workers, minIo);
        }

        ThreadPool.SetMaxThreads(workers, maxIo);
        ThreadPool.GetMaxThreads(out var limit, out _);
        app.Logger.LogInformation("Requests run on at most {WorkerThreads} thread-pool worker threads (Catalog:WorkerThreads)", limit);
    }

    /// <summary>The host logs its failure to start with a stack trace; for a taken port <see cref="ServeAsync"/> says it in one line instead.</summary>
    public static bool IsAddressInUse(Serilog.Events.LogEvent logEvent) => logEvent.Exception is { } e && IsAddressInUse(e);

    private static bool IsAddressInUse(Exception e) =>
        e is IOException { InnerException: AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } };

    // A person starting the app sees where to point a browser, whatever the log format.
    private static void AnnounceAddresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is { Count: > 0 })
        {
            Console.Out.WriteLine($"Catalog is serving {string.Join(" and ", addresses)} (Ctrl+C stops it)");
        }
    }
}
