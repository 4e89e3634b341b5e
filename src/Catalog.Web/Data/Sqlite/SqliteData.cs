using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data.Sqlite;

public static class SqliteData
{
    /// <summary>The catalog in a SQLite file, on <see cref="CatalogDbContext"/> and its migrations (Data/Sqlite/Migrations).</summary>
    public static IServiceCollection AddSqliteCatalog(this IServiceCollection services, string connectionString) =>
        // The compiled model (Data/CompiledModel, made by `dotnet ef dbcontext optimize`) spares every start building the
        // model by reflection; CompiledModelTests keeps it equal to the one OnModelCreating builds. It is SQLite's
        // model: a compiled model holds one provider's type mappings and store types.
        // Pooled: a request's context is reset and reused, not built, so the options, the interceptor lookups and EF's
        // per-context services are made once per process instead of once per request (a third of an empty search's CPU).
        services.AddDbContextPool<CatalogDbContext>(options => Configure(options, connectionString)
            .UseModel(CompiledModel.CatalogDbContextModel.Instance)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));

    /// <summary>What every SQLite catalog context has, in the app and in tests.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());
}
