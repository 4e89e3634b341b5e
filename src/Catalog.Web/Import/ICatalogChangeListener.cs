namespace Catalog.Web.Import;

/// <summary>
/// Told right after an import commits in this process, so caches here need not wait for their next poll. Imports by
/// another process (the CLI) are noticed by polling only.
/// </summary>
public interface ICatalogChangeListener
{
    Task CatalogChangedAsync(CancellationToken ct);
}
