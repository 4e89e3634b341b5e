namespace Catalog.Web.Import;

/// <summary>
/// Thrown when an import that writes found another import holding the catalog's write lock for longer than
/// <see cref="CatalogOptions.ImportLockWait"/>: the admin pages answer 409, the CLI exits with code 3. Nothing was changed.
/// </summary>
public sealed class ImportBusyException(string source, Exception inner)
    : Exception($"{source}: another import is running; nothing was changed. Try again when it has finished.", inner);
