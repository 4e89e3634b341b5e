using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Catalog.Tests.Infrastructure;

/// <summary>
/// The built Catalog.Web serving on a free 127.0.0.1 port as a process of its own, as one instance behind a load
/// balancer runs: it can be killed like one. What it prints is kept for a failing test's message.
/// </summary>
public sealed class CatalogServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private CatalogServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it printed.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts the server with these settings (environment variables such as <c>Catalog__X</c>, the database's among
    /// them) and waits until it answers.
    /// </summary>
    public static async Task<CatalogServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var environment = new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/') };
        var server = new CatalogServerProcess(CatalogProcess.Start(environment), address);
        using var http = new HttpClient { BaseAddress = address };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The server exited on start:\n{server.Output}");
            }

            try
            {
                using var health = await http.GetAsync(Catalog.Web.Operations.HealthEndpoint.Path, timeout.Token);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill does: nothing of its own runs on the way out.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
