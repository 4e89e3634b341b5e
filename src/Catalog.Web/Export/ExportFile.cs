using System.Text;
using Catalog.Web.Data;
using Catalog.Web.Export.Citations;

namespace Catalog.Web.Export;

/// <summary>One generated output: its bytes and how HTTP names it.</summary>
/// <param name="Inline">Shown by the browser or a feed reader (feeds) rather than saved as a download.</param>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName, bool Inline = false)
{
    public static ExportFile Text(string text, string contentType, string fileName) =>
        new(new UTF8Encoding(false).GetBytes(text), contentType, fileName);
}

/// <summary>The whole-catalog outputs, the same for /export/... and the CLI's <c>export --format</c>.</summary>
public enum ExportFormat
{
    Json,
    Csv,
    Bookmarks,
    Bibtex,
    Atom,
}

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

public static class ContentTypes
{
    public const string Atom = "application/atom+xml; charset=utf-8";
    public const string BibTex = "application/x-bibtex; charset=utf-8";
    public const string Ris = "application/x-research-info-systems; charset=utf-8";
    public const string CslJson = "application/vnd.citationstyles.csl+json; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";
    public const string Csv = "text/csv; charset=utf-8; header=present";
    public const string Html = "text/html; charset=utf-8";
    public const string Markdown = "text/markdown; charset=utf-8";
}
