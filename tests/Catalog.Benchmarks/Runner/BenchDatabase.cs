using Catalog.Web.Data;
using Npgsql;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// A fresh, empty catalog database for one import or one server: a new SQLite file, or a new database created on a
/// PostgreSQL server (dropped again by <see cref="DropAsync"/>). <see cref="Settings"/> points the app's CLI or server
/// at it, as an operator would: <c>Catalog__Database</c> and <c>ConnectionStrings__Catalog</c>.
/// </summary>
public sealed class BenchDatabase
{
    private readonly string? _postgresServer;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresServer)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SqliteFile = sqliteFile;
        _postgresServer = postgresServer;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? SqliteFile { get; }

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Catalog__Database"] = Provider.ToString(),
        ["ConnectionStrings__Catalog"] = ConnectionString,
    };

    public static BenchDatabase NewSqlite(string file)
    {
        DeleteSqlite(file);
        return new(DatabaseProvider.Sqlite, $"Data Source={file}", file, null);
    }

    /// <param name="server">A connection string to a server where the user may create databases (CATALOG_TEST_POSTGRES).</param>
    public static async Task<BenchDatabase> NewPostgresAsync(string server, string name)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, null, server);
    }

    public async Task DropAsync()
    {
        if (SqliteFile is not null)
        {
            DeleteSqlite(SqliteFile);
            return;
        }

        await using var admin = new NpgsqlConnection(_postgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes a SQLite database file and the files SQLite keeps beside it.</summary>
    public static void DeleteSqlite(string file)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(file + suffix);
        }
    }
}
