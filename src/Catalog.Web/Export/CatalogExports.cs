using Catalog.Web.Data;
using Catalog.Web.Export.Citations;

namespace Catalog.Web.Export;

/// <summary>Writes a whole-catalog format: the one code path behind /export/..., /feeds/catalog.atom and the CLI.</summary>
public static class CatalogExports
{
    public static async Task<ExportFile> WriteAsync(CatalogDbContext db, ExportFormat format, string baseUrl, CancellationToken ct)
    {
        switch (format)
        {
            case ExportFormat.Atom:
                var feed = await AtomFeed.WriteAsync(db, new AtomFeed.Request("Catalog: new links", "/feeds/catalog.atom", "/", null), baseUrl, ct);
                return new ExportFile(feed, ContentTypes.Atom, "catalog.atom", Inline: true);
            case ExportFormat.Bibtex:
                return ExportFile.Text(BibTex.Write(await CitationSource.CatalogAsync(db, ct)), ContentTypes.BibTex, "catalog.bib");
        }

        var catalog = await CatalogSnapshot.LoadAsync(db, ct);
        using var output = new MemoryStream();
        var (contentType, fileName) = format switch
        {
            ExportFormat.Json => (ContentTypes.Json, "catalog.json"),
            ExportFormat.Csv => (ContentTypes.Csv, "links.csv"),
            _ => (ContentTypes.Html, "bookmarks.html"),
        };
        await (format switch
        {
            ExportFormat.Json => CatalogJson.WriteAsync(catalog, output, ct),
            ExportFormat.Csv => LinksCsv.WriteAsync(catalog, output, ct),
            _ => Bookmarks.WriteAsync(catalog, output, ct),
        });
        return new ExportFile(output.ToArray(), contentType, fileName);
    }
}
