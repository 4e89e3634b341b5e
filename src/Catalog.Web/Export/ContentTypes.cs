namespace Catalog.Web.Export;

/// <summary>The media types the exports are served as, each with its charset.</summary>
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
