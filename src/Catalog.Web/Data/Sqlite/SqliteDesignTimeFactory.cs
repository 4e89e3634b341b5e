using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalog.Web.Data.Sqlite;

/// <summary>
/// Lets <c>dotnet ef ... --context CatalogDbContext</c> build SQLite's context without the app's host. Without it the
/// tools took <see cref="PostgreSql.PostgreSqlDesignTimeFactory"/>, which also makes a <see cref="CatalogDbContext"/>
/// (its subclass), and wrote a SQLite migration for PostgreSQL.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<CatalogDbContext>
{
    public CatalogDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<CatalogDbContext>)SqliteData.Configure(new DbContextOptionsBuilder<CatalogDbContext>(), "Data Source=:memory:").Options);
}
