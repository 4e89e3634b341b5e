namespace Catalog.Web.Import;

/// <summary>
/// Told right after an import commits in this process, so caches here need not wait for their next poll, and once at
/// the end of <see cref="CatalogStartup"/>, before the server listens. Imports by another process (the CLI, another
/// instance) are noticed by polling only.
/// </summary>
public interface ICatalogChangeListener
{
    Task CatalogChangedAsync(CancellationToken ct);
}
