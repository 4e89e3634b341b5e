using System.Runtime;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Operations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Cli;

/// <summary>
/// The command-line verbs of the same executable (a contract other tools use):
/// <c>import &lt;file.md&gt; [--dry-run] [--json] [--yes]</c>, <c>backup &lt;target.db&gt;</c> and <c>hash-password</c>.
/// </summary>
public static class CommandLine
{
    private static readonly string[] s_verbs = ["import", "backup", "hash-password", "links", "help", "--help"];

    private static readonly string[] s_importFlags = ["--dry-run", "--json", "--yes"];

    public static bool IsCommand(string[] args) => args.Length > 0 && s_verbs.Contains(args[0]);

    /// <summary>An import's file, read and being parsed before the host was built.</summary>
    public sealed record EarlyImport(string Path, SeedFile File, Task<ParsedCatalog> Parsing);

    /// <summary>
    /// For a well-formed <c>import</c>, reads the file and starts its parse before the host is built: the parse is the
    /// import's longest step, and it gets the ~0.15 s that building the host takes on the other core. Only a file within
    /// the default size limit is parsed this early (the configured limit is checked once it is known); anything unusual
    /// returns null and is reported by <see cref="RunAsync"/> as before.
    /// </summary>
    public static async Task<EarlyImport?> StartImportAsync(string[] args)
    {
        if (args is not ["import", .. var rest] || ImportFiles(rest, out var unknown) is not [var path] || unknown is not null)
        {
            return null;
        }

        try
        {
            var file = await SeedFile.ReadAsync(path, CancellationToken.None);
            var maxBytes = new CatalogOptions().MaxSeedBytes;
            if (file.Content.Length > maxBytes)
            {
                return null;
            }

            var withoutGc = TryStartNoGcRegion(file.Content.Length);
            var parsing = CatalogImporter.ParseAsync(file, maxBytes);
            if (withoutGc)
            {
                _ = parsing.ContinueWith(_ => EndNoGcRegion(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return new EarlyImport(path, file, parsing);
        }
        catch (Exception e) when (e is SeedFileException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The parse allocates ~30 bytes per byte of markdown, most of it Markdig's tree, which lives until the walk ends:
    // every collection during the parse copies that tree a generation up (a 200x import spent ~0.25 s of its ~2 s in
    // GC pauses, stopping the host's start on the other core too). A no-GC region sized for the parse and the host's
    // start skips them. It ends when the parse does, or by itself, with a collection, if the allocations outgrow it.
    private const long ParseBytesPerByte = 32;
    private const long HostStartBytes = 48L * 1024 * 1024;
    private const long MaxNoGcRegionBytes = 320L * 1024 * 1024;

    private static bool TryStartNoGcRegion(long fileBytes)
    {
        try
        {
            return GC.TryStartNoGCRegion(Math.Min(ParseBytesPerByte * fileBytes + HostStartBytes, MaxNoGcRegionBytes));
        }
        catch (ArgumentOutOfRangeException)
        {
            // Larger than this runtime's GC allows: the parse runs with collections, as any other.
            return false;
        }
    }

    private static void EndNoGcRegion()
    {
        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();

                // The tree is garbage now. One full collection that sweeps rather than compacts frees it at once; left
                // to the next allocations, the GC compacted the region's ~250 MB in collections that took ~0.5 s.
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            }
        }
        catch (InvalidOperationException)
        {
            // A collection ended the region just before: nothing left to end.
        }
    }

    private static List<string> ImportFiles(string[] args, out string? unknownFlag)
    {
        unknownFlag = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Except(s_importFlags).FirstOrDefault();
        return args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    }

    /// <returns>The exit code: 0 done, 1 the file cannot be imported, 2 usage error, 3 the import needs --yes.</returns>
    /// <param name="early">What <see cref="StartImportAsync"/> started, if anything.</param>
    public static async Task<int> RunAsync(WebApplication app, string[] args, EarlyImport? early = null)
    {
        // Logs (the console sink included) go to stderr: stdout carries only the command's result, so --json pipes.
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            return args[0] switch
            {
                "import" => await ImportAsync(app.Services, args[1..], early, stdout, app.Lifetime.ApplicationStopping),
                "backup" => await BackupAsync(app.Services, args[1..], stdout, app.Lifetime.ApplicationStopping),
                "hash-password" => HashPassword(stdout),
                "links" when args.Length > 1 && args[1] == "check" => await new Links.LinkCheckCommand(app.Services)
                    .RunAsync(Links.LinkCheckCommand.Parse(args[2..]), stdout, app.Lifetime.ApplicationStopping),
                _ => Usage(stdout, 0),
            };
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string[] args, EarlyImport? early, TextWriter stdout, CancellationToken ct)
    {
        var flags = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
        var files = ImportFiles(args, out var unknown);
        if (files.Count != 1 || unknown is not null)
        {
            Console.Error.WriteLine(unknown is null ? "import: name exactly one markdown file." : $"import: unknown option {unknown}.");
            return Usage(Console.Error, 2);
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
            var maxBytes = scope.ServiceProvider.GetRequiredService<IOptions<CatalogOptions>>().Value.MaxSeedBytes;
            var (file, parsing) = early is not null && early.Path == files[0] && early.File.Content.Length <= maxBytes
                ? (early.File, early.Parsing)
                : await ReadAndParseAsync(importer, files[0], ct);

            // While the file parses: a new file gets the schema from its script, without starting EF, and its first
            // import in rollback-journal mode (CatalogSchema.TryCreateAsync says why), then WAL; an older one is
            // migrated by EF. Migrating takes EF's migration lock, a write: skipped when there is nothing to apply, so
            // a refused file leaves the database file byte-for-byte as it was.
            var database = scope.ServiceProvider.GetRequiredService<CatalogDatabase>();
            if (!await CatalogSchema.IsCurrentAsync(database, ct) && !await CatalogSchema.TryCreateAsync(database, ct))
            {
                await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().MigrateCatalogAsync(ct);
            }

            ImportReport report;
            try
            {
                report = await importer.ImportAsync(
                    new ImportRequest(file, flags.Contains("--dry-run"), Environment.UserName, flags.Contains("--yes")) { Parsing = parsing }, ct);
            }
            finally
            {
                // Also a file whose first import was killed: it is still in rollback-journal mode (no change otherwise).
                await CatalogSchema.UseWalAsync(database, CancellationToken.None);
            }

            stdout.WriteLine(flags.Contains("--json") ? JsonSerializer.Serialize(report, CatalogImporter.ReportJson) : Describe(report));
            return 0;
        }
        catch (SeedFileException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (ImportNeedsConfirmationException e)
        {
            Console.Error.WriteLine(e.Message + " Run again with --yes to apply it.");
            return 3;
        }
    }

    private static async Task<(SeedFile File, Task<ParsedCatalog> Parsing)> ReadAndParseAsync(CatalogImporter importer, string path, CancellationToken ct)
    {
        var file = await SeedFile.ReadAsync(path, ct);
        return (file, importer.ParseAsync(file));
    }

    /// <returns>0 done, 1 no catalog or the target exists, 2 usage error.</returns>
    private static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct)
    {
        if (args is not [var target] || target.StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("backup: name exactly one target file.");
            return Usage(Console.Error, 2);
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            var backup = await DatabaseBackup.BackupAsync(scope.ServiceProvider.GetRequiredService<CatalogDbContext>(), target, ct);
            stdout.WriteLine($"Backed up {backup.Topics} topics and {backup.Links} links to {backup.Target} ({backup.Bytes:N0} bytes, integrity ok)");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("backup: " + e.Message);
            return 1;
        }
    }

    private static string Describe(ImportReport report)
    {
        var d = report.Diff;
        var lines = new List<string>
        {
            $"{(report.DryRun ? "Dry run (nothing written)" : "Imported")}: {report.Source}",
            $"  {report.Topics} topics, {report.Links} links ({report.DistinctUrls} distinct URLs), {report.Quotes} quotes, {report.Images} images",
            $"  topics: +{d.TopicsAdded.Count} -{d.TopicsRemoved.Count} renamed {d.TopicsRenamed.Count}; links: +{d.LinksAdded} -{d.LinksRemoved} changed {d.LinksChanged}",
        };
        if (report.Unchanged)
        {
            lines.Add("  unchanged: this file is the version already imported");
        }

        if (report.DryRun && report.RemovesMostLinks)
        {
            lines.Add($"  applying it removes {d.LinksRemoved} of the catalog's {report.CatalogLinks} links: it needs --yes");
        }

        lines.AddRange(report.Warnings.Select(w => "  warning: " + w));
        return string.Join(Environment.NewLine, lines);
    }

    private static int HashPassword(TextWriter stdout)
    {
        var password = Console.IsInputRedirected ? Console.In.ReadLine() : ReadHidden("Password: ");
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("hash-password: no password given.");
            return 2;
        }

        stdout.WriteLine(new PasswordHasher<object>().HashPassword(new object(), password));
        return 0;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var chars = new List<char>();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && chars.Count > 0)
            {
                chars.RemoveAt(chars.Count - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Add(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return new string([.. chars]);
    }

    private static int Usage(TextWriter writer, int exitCode)
    {
        writer.WriteLine("""
            Usage: Catalog.Web [command]
              (no command)                          serve the catalog
              import <file.md> [--dry-run] [--json] [--yes]
                                                    import or re-import one seed file; --dry-run shows the diff only,
                                                    --json prints the report, --yes confirms removing over half the links
              backup <target.db>                    copy the live catalog database to a new file (safe while serving)
              hash-password                         read a password (stdin or prompt), print Catalog:AdminPasswordHash
            """);
        return exitCode;
    }
}
