using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Admin;

/// <summary>The catalog's SQLite file as bytes: "nothing changed" means byte-for-byte the same.</summary>
public static class CatalogFile
{
    /// <summary>SHA-256 of the database file after a WAL checkpoint, so committed changes are in the file itself.</summary>
    public static string Hash(string databasePath)
    {
        using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            using var reader = checkpoint.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(0L, reader.GetInt64(0)); // not blocked by a reader or writer
        }

        return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(databasePath)));
    }

    public static long Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string? Text(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }
}
