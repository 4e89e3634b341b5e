using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Catalog.Web.Caching;

/// <summary>
/// A value that changes whenever anything commits to the catalog database, cheap enough to read on every request:
/// SQLite's <c>PRAGMA data_version</c> on one dedicated connection moves when any other connection commits, in this
/// process (admin import, watch mode) or another (the CLI importer).
/// </summary>
public sealed class CatalogDataVersion(string connectionString) : IDisposable
{
    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _query;

    public string Current()
    {
        lock (_lock)
        {
            if (_query is null)
            {
                _connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
                _connection.Open();
                _query = _connection.CreateCommand();
                _query.CommandText = "PRAGMA data_version";
            }

            return Convert.ToString(_query.ExecuteScalar(), CultureInfo.InvariantCulture)!;
        }
    }

    public void Dispose()
    {
        _query?.Dispose();
        _connection?.Dispose();
    }
}
