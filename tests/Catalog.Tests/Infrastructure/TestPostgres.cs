using Npgsql;

namespace Catalog.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests may use: <c>CATALOG_TEST_POSTGRES</c>, an Npgsql connection string to a server
/// where the user may create databases (<c>source .ci/postgres</c> starts a throwaway one and sets it). Without it the
/// PostgreSQL tests are skipped, with this reason; under <c>CATALOG_REQUIRE_POSTGRES=1</c> (CI) they fail instead.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "CATALOG_TEST_POSTGRES";

    public const string RequireVariable = "CATALOG_REQUIRE_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why PostgreSQL tests do not run here; null when they do (or must).</summary>
    public static string? SkipReason => Server is null && !Required
        ? $"{ServerVariable} is not set: `source .ci/postgres` starts a throwaway PostgreSQL and sets it (README, \"Running the tests on PostgreSQL\")."
        : null;

    /// <summary>Creates an empty database of its own for one test (or one class) and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken ct)
    {
        var server = Server ?? throw new InvalidOperationException($"{RequireVariable}=1 but {ServerVariable} is not set: the PostgreSQL tests cannot run.");
        var name = $"catalog_test_{Guid.NewGuid():n}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending the sessions still in it (its pool's).</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
