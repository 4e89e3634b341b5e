namespace Catalog.Web.Data;

/// <summary>The database the catalog lives in (<c>Catalog:Database</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A file beside the app: nothing to install, one machine (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several instances of the app can share it.</summary>
    PostgreSql,
}
