using Microsoft.EntityFrameworkCore.Design;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add ... --context PostgreSqlCatalogDbContext</c> build the model without a server:
/// adding a migration compares models and never connects.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCatalogDbContext>
{
    public PostgreSqlCatalogDbContext CreateDbContext(string[] args) => PostgreSqlData.CreateContext("Host=localhost;Database=catalog");
}
