using System.Diagnostics;
using System.Text;

namespace Catalog.Tests.Infrastructure;

/// <summary>The built Catalog.Web run as a real child process (the CLI as users run it), on a given database file.</summary>
public static class CatalogProcess
{
    public static string AppPath => Path.Combine(AppContext.BaseDirectory, "Catalog.Web.dll");

    public static Process Start(string databasePath, params string[] args) => Start(databasePath, new Dictionary<string, string>(), args);

    /// <param name="environment">Variables to set besides the database's (settings such as <c>Catalog__X</c>).</param>
    /// It runs from the app's own folder, as deployed: its appsettings.json (Serilog to the console) applies.
    public static Process Start(string databasePath, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(databasePath, environment, args, redirectInput: false);

    /// <summary>On the database that <paramref name="environment"/> names (<c>ConnectionStrings__Catalog</c>, a server's settings).</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(databasePath: null, environment, args, redirectInput: false);

    private static Process Start(string? databasePath, IReadOnlyDictionary<string, string> environment, string[] args, bool redirectInput)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (databasePath is not null)
        {
            start.Environment["ConnectionStrings__Catalog"] = $"Data Source={databasePath}";
        }

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
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string databasePath, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWithInputAsync(databasePath, environment, stdin: null, args);

    /// <summary>Runs to the end with <paramref name="stdin"/> typed in (then closed); returns the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(string databasePath, IReadOnlyDictionary<string, string> environment, string? stdin, string[] args)
    {
        var ct = TestContext.Current.CancellationToken;
        using var process = Start(databasePath, environment, args, redirectInput: stdin is not null);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout, await stderr);
    }
}
