namespace Catalog.Web.Export;

/// <summary>The whole-catalog outputs, the same for /export/... and the CLI's <c>export --format</c>.</summary>
public enum ExportFormat
{
    Json,
    Csv,
    Bookmarks,
    Bibtex,
    Atom,
}
