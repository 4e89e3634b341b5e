using Microsoft.Data.Sqlite;

namespace Catalog.Web.Data.Sqlite;

/// <summary>Where a SQLite connection string's file is.</summary>
public static class SqliteFile
{
    /// <summary>Makes a relative Data Source absolute (under the content root), creates its folder and pools connections.</summary>
    public static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>The file a connection string opens.</summary>
    public static string PathOf(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;
}
