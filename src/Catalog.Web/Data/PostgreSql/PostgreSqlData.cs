using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data.PostgreSql;

public static class PostgreSqlData
{
    /// <summary>
    /// The catalog in a PostgreSQL database, on <see cref="PostgreSqlCatalogDbContext"/>, served as
    /// <see cref="CatalogDbContext"/>. No compiled model: Data/CompiledModel is SQLite's (it holds that provider's type
    /// mappings), and a long-running server builds its model once per process.
    /// </summary>
    public static IServiceCollection AddPostgreSqlCatalog(this IServiceCollection services, string connectionString) =>
        services.AddDbContextPool<CatalogDbContext, PostgreSqlCatalogDbContext>(options => Configure(options, connectionString)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));

    /// <summary>What every PostgreSQL catalog context has, in the app and in tests.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    /// <summary>A context on PostgreSQL, outside a host (tests, tools).</summary>
    public static PostgreSqlCatalogDbContext CreateContext(string connectionString) =>
        new((DbContextOptions<PostgreSqlCatalogDbContext>)Configure(new DbContextOptionsBuilder<PostgreSqlCatalogDbContext>(), connectionString).Options);
}
