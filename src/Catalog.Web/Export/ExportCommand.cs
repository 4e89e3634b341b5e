using System.CommandLine;
using Catalog.Web.Cli;
using Catalog.Web.Data;

namespace Catalog.Web.Export;

/// <summary>What <c>export</c> was asked for: a whole-catalog <see cref="Format"/>, or one <see cref="Source"/> as markdown.</summary>
/// <param name="Resolved">For a source: fetched titles and archived copies in place of bare and dead links (no effect until the catalog keeps them).</param>
public sealed record ExportOptions(string Target, ExportFormat? Format = null, string? Source = null, bool Resolved = false);

/// <summary>
/// The CLI verb <c>export --format json|csv|bookmarks|bibtex|atom &lt;file&gt;</c> and
/// <c>export &lt;source&gt; &lt;file.md&gt; [--resolved]</c>: the same outputs as /export/... and the feeds, offline.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("[source] file") { Arity = new ArgumentArity(1, 2), Description = "With --format: the file to write. Without: a source's name and the markdown file to write it to." };
        var format = new Option<ExportFormat?>("--format") { Description = "Write the whole catalog as json, csv, bookmarks, bibtex or atom." };
        var resolved = new Option<bool>("--resolved") { Description = "For a source: fetched titles and archived copies in place of bare and dead links (no effect until the catalog keeps them)." };
        var command = new Command("export", "Write the whole catalog in a format (--format), or a source back as its seed file (re-importing it changes nothing).")
        {
            files, format, resolved,
        };
        command.SetAction(async (parsed, ct) =>
        {
            if (OptionsFrom(parsed.GetValue(format), parsed.GetValue(files)!, parsed.GetValue(resolved)) is not { } options)
            {
                Console.Error.WriteLine("export: give --format and one file, or a source and one markdown file.");
                return CatalogCommandLine.Usage;
            }

            return await RunAsync(context.Services, options, context.Out, ct);
        });
        return command;
    }

    /// <returns>Null when the arguments fit neither form.</returns>
    public static ExportOptions? OptionsFrom(ExportFormat? format, string[] files, bool resolved) => (format, files, resolved) switch
    {
        ({ } f, [var target], false) => new ExportOptions(target, f),
        (null, [var source, var target], var r) => new ExportOptions(target, Source: source, Resolved: r),
        _ => null,
    };

    /// <returns>0 written, 1 no catalog or no such source, or the file cannot be written.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, ExportOptions options, TextWriter stdout, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        if (!await CatalogSchema.IsCurrentAsync(scope.ServiceProvider.GetRequiredService<CatalogDatabase>(), ct))
        {
            Console.Error.WriteLine("export: there is no current catalog to export; import a seed file first.");
            return 1;
        }

        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        byte[] content;
        if (options.Format is { } format)
        {
            content = (await CatalogExports.WriteAsync(db, format, "", ct)).Content;
        }
        else if (await SeedExport.WriteAsync(db, options.Source!, options.Resolved, ct) is { } seed)
        {
            content = seed;
        }
        else
        {
            var sources = await SeedExport.SourcesAsync(db, ct);
            Console.Error.WriteLine($"export: no source named {options.Source}; the catalog has {string.Join(", ", sources)}.");
            return 1;
        }

        try
        {
            await File.WriteAllBytesAsync(options.Target, content, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("export: " + e.Message);
            return 1;
        }

        stdout.WriteLine($"Exported {(options.Format?.ToString().ToLowerInvariant() ?? options.Source)} to {options.Target} ({content.Length:N0} bytes)");
        return 0;
    }
}
