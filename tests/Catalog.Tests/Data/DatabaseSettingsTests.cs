using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Microsoft.Extensions.Configuration;

namespace Catalog.Tests.Data;

/// <summary>Catalog:Database and ConnectionStrings:Catalog: SQLite by default, and a setting that cannot work stops the start with what to write.</summary>
public sealed class DatabaseSettingsTests
{
    private static readonly string ContentRoot = Path.Combine(Path.GetTempPath(), "catalog-settings-tests");

    [Fact]
    public void WithoutSettingsTheCatalogIsASqliteFileInAppDataUnderTheContentRoot()
    {
        var settings = Read();

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Contains($"Data Source={Path.Combine(ContentRoot, "App_Data", "catalog.db")}", settings.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("postgresql")]
    [InlineData(" POSTGRESQL ")]
    public void TheProviderIsNamedWithoutRegardToCase(string value)
    {
        var settings = Read((CatalogDatabaseSettings.ProviderKey, value), (CatalogDatabaseSettings.ConnectionStringKey, "Host=127.0.0.1;Database=catalog"));

        Assert.Equal(DatabaseProvider.PostgreSql, settings.Provider);
        Assert.Equal("Host=127.0.0.1;Database=catalog", settings.ConnectionString);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("1")]
    [InlineData("Sqlite, PostgreSql")]
    public void AnUnknownProviderIsRefusedWithTheNamesItTakes(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((CatalogDatabaseSettings.ProviderKey, value)));

        Assert.Equal($"Catalog:Database is \"{value}\": it takes Sqlite (the default) or PostgreSql.", error.Message);
    }

    [Fact]
    public void PostgreSqlWithoutAConnectionStringAsksForAnNpgsqlOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((CatalogDatabaseSettings.ProviderKey, "PostgreSql")));

        Assert.StartsWith("Catalog:Database is PostgreSql but ConnectionStrings:Catalog is empty: give it an Npgsql connection string such as \"Host=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSqlWithTheSqliteConnectionStringLeftInPlaceSaysSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Read((CatalogDatabaseSettings.ProviderKey, "PostgreSql"), (CatalogDatabaseSettings.ConnectionStringKey, "Data Source=App_Data/catalog.db")));

        Assert.StartsWith("Catalog:Database is PostgreSql but ConnectionStrings:Catalog is not an Npgsql connection string (", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database=catalog", "Host")]
    [InlineData("Host=127.0.0.1", "Database")]
    public void PostgreSqlNeedsAHostAndADatabase(string connectionString, string missing)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Read((CatalogDatabaseSettings.ProviderKey, "PostgreSql"), (CatalogDatabaseSettings.ConnectionStringKey, connectionString)));

        Assert.StartsWith($"Catalog:Database is PostgreSql but ConnectionStrings:Catalog names no {missing}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteWithAPostgreSqlConnectionStringSaysSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((CatalogDatabaseSettings.ConnectionStringKey, "Host=127.0.0.1;Database=catalog")));

        Assert.StartsWith("Catalog:Database is Sqlite but ConnectionStrings:Catalog is not a SQLite connection string (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAppDoesNotStartOnAnUnknownProvider()
    {
        using var factory = new SettingsCatalog(new Dictionary<string, string?> { [CatalogDatabaseSettings.ProviderKey] = "Oracle" });

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Equal("Catalog:Database is \"Oracle\": it takes Sqlite (the default) or PostgreSql.", error.Message);
    }

    private static CatalogDatabaseSettings Read(params (string Key, string Value)[] values) =>
        CatalogDatabaseSettings.Read(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(),
            ContentRoot);

    private sealed class SettingsCatalog(IDictionary<string, string?> settings) : EmptyCatalogFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }
}
