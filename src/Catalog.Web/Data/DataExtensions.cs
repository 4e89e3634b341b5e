using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

public static class DataExtensions
{
    public const string DefaultConnectionString = "Data Source=App_Data/catalog.db";

    /// <summary>The catalog's SQLite database: ConnectionStrings:Catalog, a relative file resolved against the content root.</summary>
    public static IServiceCollection AddCatalogData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = ResolveConnectionString(configuration.GetConnectionString("Catalog") ?? DefaultConnectionString, environment.ContentRootPath);
        services.AddSingleton(new CatalogDatabase(connectionString));
        // The compiled model (Data/CompiledModel, made by `dotnet ef dbcontext optimize`) spares every start building the
        // model by reflection; CompiledModelTests keeps it equal to the one OnModelCreating builds.
        services.AddDbContext<CatalogDbContext>(options => options
            .UseSqlite(connectionString)
            .UseModel(CompiledModel.CatalogDbContextModel.Instance)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(new SqlitePragmas()));
        return services;
    }

    /// <summary>Makes a relative Data Source absolute (under the content root) and creates its folder.</summary>
    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// Creates a new database from <see cref="CatalogSchema"/> or applies pending migrations to an existing one, and
    /// switches the file to WAL, so readers never wait for an import.
    /// </summary>
    public static async Task MigrateCatalogAsync(this CatalogDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A current schema (every start after the first) needs no migrator: it would build every migration's
            // model and take EF's migration lock, a write, to find nothing to do.
            var connection = db.Database.GetDbConnection();
            if (!await CatalogSchema.IsCurrentAsync(connection, ct) && !await CatalogSchema.TryCreateAsync(connection, ct))
            {
                await db.Database.MigrateAsync(ct);
            }

            await CatalogSchema.UseWalAsync(connection, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static string DatabasePath(this CatalogDbContext db) =>
        new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
}
