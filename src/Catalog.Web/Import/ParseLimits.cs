namespace Catalog.Web.Import;

/// <summary>
/// What the parser accepts of one file before it refuses it, so that work and memory stay linear in the file's size
/// with a small constant. Each cap answers a shape that made Markdig, AngleSharp or the walk do work growing faster
/// than the input (the pathological rows of tests/Catalog.Benchmarks/README.md); the refusal names the cap's setting.
/// </summary>
public sealed record ParseLimits(int MaxHeadings, int MaxHtmlNesting, int MaxPendingLinkOpeners, int MaxTableCells)
{
    public static ParseLimits Default { get; } = From(new CatalogOptions());

    public static ParseLimits From(CatalogOptions options) =>
        new(options.MaxHeadings, options.MaxHtmlNesting, options.MaxPendingLinkOpeners, options.MaxTableCells);
}
