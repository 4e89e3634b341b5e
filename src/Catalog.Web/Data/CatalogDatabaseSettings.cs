using Microsoft.Data.Sqlite;
using Npgsql;

namespace Catalog.Web.Data;

/// <summary>
/// Which database the app runs on and how to reach it: <c>Catalog:Database</c> and <c>ConnectionStrings:Catalog</c>.
/// Read while the services are registered, because the provider decides which services exist; a setting that cannot
/// work stops the start with a message that names the key and what it takes, before anything connects.
/// </summary>
public sealed record CatalogDatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Catalog:Database";

    public const string ConnectionStringKey = "ConnectionStrings:Catalog";

    public const string DefaultSqliteConnectionString = "Data Source=App_Data/catalog.db";

    /// <exception cref="InvalidOperationException">A setting that cannot work, with what to write instead.</exception>
    public static CatalogDatabaseSettings Read(IConfiguration configuration, string contentRoot)
    {
        var provider = ProviderOf(configuration);
        var connectionString = configuration[ConnectionStringKey];
        return provider switch
        {
            DatabaseProvider.PostgreSql => new(provider, CheckPostgreSql(connectionString)),
            _ => new(provider, Sqlite.SqliteFile.Resolve(CheckSqlite(connectionString ?? DefaultSqliteConnectionString), contentRoot)),
        };
    }

    /// <summary>Only <c>Catalog:Database</c>, for a registration that depends on the provider alone.</summary>
    /// <exception cref="InvalidOperationException">Not a provider's name.</exception>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) => ReadProvider(configuration[ProviderKey]);

    private static DatabaseProvider ReadProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        // Names only: Enum.TryParse would also take "1" or "Sqlite, PostgreSql".
        return Enum.GetNames<DatabaseProvider>().FirstOrDefault(name => name.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<DatabaseProvider>(name)
            : throw new InvalidOperationException($"{ProviderKey} is \"{value}\": it takes Sqlite (the default) or PostgreSql.");
    }

    private static string CheckPostgreSql(string? connectionString)
    {
        const string Example = "Host=db.example.org;Database=catalog;Username=catalog;Password=...";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"{ProviderKey} is PostgreSql but {ConnectionStringKey} is empty: give it an Npgsql connection string such as \"{Example}\".");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The usual cause: appsettings.json's SQLite "Data Source=..." left in place.
            throw new InvalidOperationException(
                $"{ProviderKey} is PostgreSql but {ConnectionStringKey} is not an Npgsql connection string ({e.Message}): write one such as \"{Example}\".", e);
        }

        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is PostgreSql but {ConnectionStringKey} names no {(string.IsNullOrWhiteSpace(builder.Host) ? "Host" : "Database")}: write one such as \"{Example}\".");
        }

        return connectionString;
    }

    private static string CheckSqlite(string connectionString)
    {
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return connectionString;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is Sqlite but {ConnectionStringKey} is not a SQLite connection string ({e.Message}): write one such as \"{DefaultSqliteConnectionString}\".", e);
        }
    }
}
