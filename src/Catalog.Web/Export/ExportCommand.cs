using Catalog.Web.Data;

namespace Catalog.Web.Export;

/// <summary>What <c>export</c> was asked for: a whole-catalog <see cref="Format"/>, or one <see cref="Source"/> as markdown.</summary>
/// <param name="Resolved">For a source: fetched titles and archived copies in place of bare and dead links (no effect until the catalog keeps them).</param>
public sealed record ExportOptions(string Target, ExportFormat? Format = null, string? Source = null, bool Resolved = false);

/// <summary>
/// The CLI's <c>export --format json|csv|bookmarks|bibtex|atom &lt;file&gt;</c> and
/// <c>export &lt;source&gt; &lt;file.md&gt; [--resolved]</c>: the same outputs as /export/... and the feeds, offline.
/// </summary>
public static class ExportCommand
{
    public const string Usage = """
          export --format json|csv|bookmarks|bibtex|atom <file>
                                                write the whole catalog in that format
          export <source> <file.md> [--resolved]
                                                write a source back as its seed file (re-importing it changes nothing);
                                                --resolved is accepted, and changes nothing until link metadata exists
        """;

    /// <returns>Null, with <paramref name="error"/> set, for a usage error.</returns>
    public static ExportOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var positional = new List<string>();
        ExportFormat? format = null;
        var resolved = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format" when i + 1 < args.Length && Enum.TryParse<ExportFormat>(args[i + 1], ignoreCase: true, out var f):
                    format = f;
                    i++;
                    break;
                case "--format":
                    error = "export: --format takes json, csv, bookmarks, bibtex or atom.";
                    return null;
                case "--resolved":
                    resolved = true;
                    break;
                case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                    error = $"export: unknown option {flag}.";
                    return null;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        return (format, positional) switch
        {
            ({ } f, [var target]) when !resolved => new ExportOptions(target, f),
            (null, [var source, var target]) => new ExportOptions(target, Source: source, Resolved: resolved),
            _ => Fail(out error, "export: give --format and one file, or a source and one markdown file."),
        };
    }

    private static ExportOptions? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }

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
