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
    private volatile string? _last;

    public string Current()
    {
        // The connection serves one reader at a time. Under load, a request that finds it busy takes the latest
        // reading instead of queueing behind it (in a trace under load, that wait took about as long as the rest of a
        // cached answer). It can miss only a commit that finished while that reading was being taken.
        var last = _last;
        if (last is null)
        {
            _lock.Enter();
        }
        else if (!_lock.TryEnter())
        {
            return last;
        }

        try
        {
            if (_query is null)
            {
                _connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
                _connection.Open();
                _query = _connection.CreateCommand();
                _query.CommandText = "PRAGMA data_version";
            }

            return _last = Convert.ToString(_query.ExecuteScalar(), CultureInfo.InvariantCulture)!;
        }
        finally
        {
            _lock.Exit();
        }
    }

    public void Dispose()
    {
        _query?.Dispose();
        _connection?.Dispose();
    }
}
