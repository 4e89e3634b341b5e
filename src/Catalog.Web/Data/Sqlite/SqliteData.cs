using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data.Sqlite;

public static class SqliteData
{
    /// <summary>The catalog in a SQLite file, on <see cref="CatalogDbContext"/> and its migrations (Data/Sqlite/Migrations).</summary>
    public static IServiceCollection AddSqliteCatalog(this IServiceCollection services, string connectionString) =>
        // The compiled model (Data/CompiledModel, made by `dotnet ef dbcontext optimize`) spares every start building the
        // model by reflection; CompiledModelTests keeps it equal to the one OnModelCreating builds. It is SQLite's
        // model: a compiled model holds one provider's type mappings and store types.
        services.AddDbContext<CatalogDbContext>(options => Configure(options, connectionString)
            .UseModel(CompiledModel.CatalogDbContextModel.Instance)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));

    /// <summary>What every SQLite catalog context has, in the app and in tests.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());
}
