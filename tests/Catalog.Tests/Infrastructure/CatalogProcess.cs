using System.Diagnostics;

namespace Catalog.Tests.Infrastructure;

/// <summary>The built Catalog.Web run as a real child process (the CLI as users run it), on a given database file.</summary>
public static class CatalogProcess
{
    public static string AppPath => Path.Combine(AppContext.BaseDirectory, "Catalog.Web.dll");

    public static Process Start(string databasePath, params string[] args) => Start(databasePath, new Dictionary<string, string>(), args);

    /// <param name="environment">Variables to set besides the database's (settings such as <c>Catalog__X</c>).</param>
    public static Process Start(string databasePath, IReadOnlyDictionary<string, string> environment, params string[] args)
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
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs to the end; returns the exit code and what it printed.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string databasePath, params string[] args) =>
        RunAsync(databasePath, new Dictionary<string, string>(), args);

    /// <inheritdoc cref="RunAsync(string, string[])"/>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string databasePath, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(databasePath, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
