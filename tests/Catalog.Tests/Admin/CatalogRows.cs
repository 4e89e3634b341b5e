using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Admin;

/// <summary>
/// What a factory's catalog holds, read with SQL both providers accept (quoted identifiers), so one test checks the
/// same thing on SQLite and on PostgreSQL.
/// </summary>
public static class CatalogRows
{
    public static long Scalar(this CatalogFactory factory, string sql) =>
        Convert.ToInt64(Execute(factory, sql), CultureInfo.InvariantCulture);

    public static string? Text(this CatalogFactory factory, string sql) => Execute(factory, sql) as string;

    /// <summary>
    /// "The catalog did not change": every row of every table but the previews kept for Apply (a preview stores one
    /// row there and nothing else), hashed in a fixed order; the same check on both providers.
    /// </summary>
    public static string Snapshot(this CatalogFactory factory)
    {
        using var db = factory.OpenDatabase();
        var connection = db.Database.GetDbConnection();
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = factory.Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'PendingImports' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'PendingImports' ORDER BY table_name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var all = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            all.Append(table).Append('\n').AppendJoin('\n', rows.Order(StringComparer.Ordinal)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())));
    }

    private static object? Execute(CatalogFactory factory, string sql)
    {
        using var db = factory.OpenDatabase();
        var connection = db.Database.GetDbConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
