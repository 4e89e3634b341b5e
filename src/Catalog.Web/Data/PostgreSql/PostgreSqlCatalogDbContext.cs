using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>
/// The catalog on PostgreSQL: the model is <see cref="CatalogDbContext"/>'s, unchanged. The type exists only so that
/// EF tells its migrations (Data/PostgreSql/Migrations) from SQLite's, which belong to <see cref="CatalogDbContext"/>:
/// EF Core's documented "one context type per provider" way to keep a migrations set per provider in one project
/// (learn.microsoft.com/ef/core/managing-schemas/migrations/providers). The app asks for <see cref="CatalogDbContext"/>
/// and gets this one when <c>Catalog:Database</c> is PostgreSql.
/// </summary>
public sealed class PostgreSqlCatalogDbContext(DbContextOptions<PostgreSqlCatalogDbContext> options) : CatalogDbContext(options);
