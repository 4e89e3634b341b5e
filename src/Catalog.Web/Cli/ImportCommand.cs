using System.CommandLine;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Cli;

/// <summary><c>import &lt;file.md&gt; [--dry-run] [--json] [--yes]</c>: imports or re-imports one seed file.</summary>
public static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file.md") { Description = "The seed file; its name identifies the source." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change; write nothing." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var yes = new Option<bool>("--yes") { Description = "Confirm an import that removes more than half of the catalog's links." };
        var command = new Command("import", "Import or re-import one seed file into the configured database.") { file, dryRun, json, yes };
        command.SetAction((parsed, ct) => RunAsync(
            context, parsed.GetValue(file)!, parsed.GetValue(dryRun), parsed.GetValue(json), parsed.GetValue(yes), ct));
        return command;
    }

    /// <returns>0 done, 1 the file cannot be imported, 3 the import needs --yes or another import is running.</returns>
    private static async Task<int> RunAsync(CliContext context, string path, bool dryRun, bool json, bool yes, CancellationToken ct)
    {
        await using var scope = context.Services.CreateAsyncScope();
        try
        {
            var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
            var maxBytes = scope.ServiceProvider.GetRequiredService<IOptions<CatalogOptions>>().Value.MaxSeedBytes;
            var file = await SeedFile.ReadAsync(path, maxBytes, ct);
            var report = await Progress.RunAsync($"Importing {file.Name}", quiet: json, () => ImportAsync(scope.ServiceProvider, importer, file, dryRun, yes, ct));
            context.Out.WriteLine(json ? JsonSerializer.Serialize(report, CatalogImporter.ReportJson) : Describe(report));
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
        catch (Exception e) when (ImportBusy.Is(e))
        {
            return ImportBusy.Report(e, path);
        }
    }

    private static async Task<ImportReport> ImportAsync(IServiceProvider services, CatalogImporter importer, SeedFile file, bool dryRun, bool yes, CancellationToken ct)
    {
        var parsing = importer.ParseAsync(file, ct);

        // While the file parses: a new file gets the schema from its script, without starting EF, and its first import
        // in rollback-journal mode (CatalogSchema.TryCreateAsync says why), then WAL; an older one is migrated by EF.
        // Migrating takes EF's migration lock, a write: skipped when there is nothing to apply, so a refused file leaves
        // the database file byte-for-byte as it was.
        var database = services.GetRequiredService<CatalogDatabase>();
        if (!await CatalogSchema.IsCurrentAsync(database, ct) && !await CatalogSchema.TryCreateAsync(database, ct))
        {
            await services.GetRequiredService<CatalogDbContext>().MigrateCatalogAsync(ct);
        }

        try
        {
            return await importer.ImportAsync(new ImportRequest(file, dryRun, Environment.UserName, yes) { Parsing = parsing }, ct);
        }
        finally
        {
            // Also a file whose first import was killed: it is still in rollback-journal mode (no change otherwise).
            await CatalogSchema.UseWalAsync(database, CancellationToken.None);
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
}
