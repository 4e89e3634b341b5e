using System.Diagnostics;

namespace Catalog.Tests.Infrastructure;

/// <summary>The built Catalog.Web run as a real child process (the CLI as users run it), on a given database file.</summary>
public static class CatalogProcess
{
    public static string AppPath => Path.Combine(AppContext.BaseDirectory, "Catalog.Web.dll");

    public static Process Start(string databasePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Catalog"] = $"Data Source={databasePath}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        return Process.Start(start)!;
    }

    /// <summary>Runs to the end; returns the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string databasePath, params string[] args)
    {
        using var process = Start(databasePath, args);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
