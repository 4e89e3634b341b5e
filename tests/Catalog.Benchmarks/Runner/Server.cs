using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Catalog.Benchmarks.Runner;

/// <summary>A server process on a free loopback port: the catalog app (Release build) or the ceiling.</summary>
public sealed class Server : IDisposable
{
    private static readonly HttpClient s_probe = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Semantic ranking off, for the figures whose targets are the lexical server's: on by default, a first start on a
    /// fresh database would embed the whole catalog in the background, on one of the two cores, while they run (the
    /// semantic server is measured by <c>semantic-memory</c>, against its own targets).
    /// </summary>
    public static IReadOnlyDictionary<string, string> LexicalOnly { get; } = new Dictionary<string, string> { ["Catalog__Search__Semantic"] = "false" };

    private Server(ChildProcess process, Uri address)
    {
        Process = process;
        Address = address;
    }

    public ChildProcess Process { get; }

    public Uri Address { get; }

    /// <summary>From process start to the first 200 answer on the probe path.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>The process's CPU time at that first 200: unlike wall time, other load on the machine does not inflate it.</summary>
    public TimeSpan CpuWhenReady { get; private set; }

    /// <summary>Starts the catalog on <paramref name="database"/>; with <paramref name="seedsFolder"/> an empty database is seeded on start.</summary>
    /// <param name="appFolder">The app's folder: the Release build (the default) or the published app.</param>
    /// <param name="settings">More environment settings (<c>Catalog__Links__CheckInterval</c>, ...).</param>
    public static Task<Server> StartAppAsync(RepoPaths paths, string database, string log, string? seedsFolder = null, string? appFolder = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Catalog"] = $"Data Source={database}",
            ["Catalog__ImportSeedsOnStart"] = seedsFolder is null ? "false" : "true",
            ["Catalog__SeedsPath"] = seedsFolder ?? paths.SeedsFolder,

            // A benchmark server never checks links by itself (Production would, a few minutes after start).
            ["Catalog__Links__CheckInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        // The content root is the working directory: the build output, where appsettings.json is.
        appFolder ??= paths.AppFolder;
        var process = ChildProcess.Start(appFolder, log, environment, ["dotnet", Path.Combine(appFolder, "Catalog.Web.dll")]);
        return WaitReadyAsync(new Server(process, new Uri($"http://127.0.0.1:{port}")), "/");
    }

    /// <summary>Starts the catalog on a <see cref="BenchDatabase"/> of either provider, already imported.</summary>
    public static Task<Server> StartAppAsync(RepoPaths paths, BenchDatabase database, string log, IReadOnlyDictionary<string, string>? settings = null)
    {
        // The database's own settings come last among the environment, so they replace the SQLite default's.
        var all = new Dictionary<string, string>(database.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return StartAppAsync(paths, database.SqliteFile ?? "", log, settings: all);
    }

    public static Task<Server> StartCeilingAsync(RepoPaths paths, string manifest, string probePath, string log)
    {
        var port = FreePort();
        var process = ChildProcess.Start(paths.Root, log, new Dictionary<string, string>(),
            ["dotnet", typeof(Server).Assembly.Location, "ceiling", "--manifest", manifest, "--port", $"{port}"]);
        return WaitReadyAsync(new Server(process, new Uri($"http://127.0.0.1:{port}")), probePath);
    }

    public void Dispose() => Process.Dispose();

    private static async Task<Server> WaitReadyAsync(Server server, string probePath)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (server.Process.HasExited)
            {
                throw new InvalidOperationException($"Server process {server.Process.Id} exited before answering; see its log.");
            }

            try
            {
                using var response = await s_probe.GetAsync(new Uri(server.Address, probePath));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    server.ReadyAfter = server.Process.Elapsed;
                    server.CpuWhenReady = server.Process.CpuTime();
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        server.Dispose();
        throw new TimeoutException($"Server did not answer 200 on {probePath} within 3 minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
