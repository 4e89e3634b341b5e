using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.Data;

/// <summary>
/// One model, one migrations set per provider (Data/Sqlite/Migrations for <see cref="CatalogDbContext"/>,
/// Data/PostgreSql/Migrations for <see cref="PostgreSqlCatalogDbContext"/>): each set must build the model as it is now,
/// and each database is brought up to date by its own set.
/// </summary>
public sealed class ProviderMigrationsTests
{
    private const string AddBoth =
        "a model change needs a migration on each provider: `dotnet ef migrations add <Name> --context CatalogDbContext --project src/Catalog.Web` " +
        "and `dotnet ef migrations add PostgreSql<Name> --context PostgreSqlCatalogDbContext --project src/Catalog.Web` (README, \"Changing the schema\").";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void EachProvidersMigrationsBuildTheModelAsItIsNow(DatabaseProvider provider)
    {
        // Comparing the last migration's snapshot with the model needs no server.
        using var db = ContextWithoutServer(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: {AddBoth}");
    }

    [Fact]
    public void EachProviderFindsOnlyItsOwnMigrations()
    {
        using var sqlite = ContextWithoutServer(DatabaseProvider.Sqlite);
        using var postgreSql = ContextWithoutServer(DatabaseProvider.PostgreSql);

        Assert.Equal(CatalogSchema.MigrationIds.Order(StringComparer.Ordinal), sqlite.Database.GetMigrations());
        Assert.Equal(PostgreSqlSchema.MigrationIds.Order(StringComparer.Ordinal), postgreSql.Database.GetMigrations());
        Assert.Empty(CatalogSchema.MigrationIds.Intersect(PostgreSqlSchema.MigrationIds));
    }

    [Theory]
    [OnEachDatabase]
    public async Task MigratingANewDatabaseAppliesEveryMigrationAndASecondRunFindsItCurrent(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        await using var db = database.Context();

        await db.MigrateCatalogAsync(ct);
        await db.MigrateCatalogAsync(ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(ct));
        Assert.Equal(0, await db.Topics.CountAsync(ct));
    }

    [Theory]
    [OnEachDatabase]
    public async Task TheEntitiesRoundTripThroughEachDatabase(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var started = new DateTimeOffset(2026, 12, 4, 8, 30, 15, 123, TimeSpan.Zero);
        await using (var db = database.Context())
        {
            await db.MigrateCatalogAsync(ct);
            db.ImportRuns.Add(new ImportRun { SourceName = "a.md", Sha256 = "00", StartedAt = started, FinishedAt = started.AddSeconds(2), ReportJson = "{}", DiffJson = "{}" });
            db.ImportRuns.Add(new ImportRun { SourceName = "b.md", Sha256 = "01", StartedAt = started.AddDays(-1), FinishedAt = started, ReportJson = "{}", DiffJson = "{}" });
            await db.SaveChangesAsync(ct);
        }

        await using var reader = database.Context();
        var runs = await reader.ImportRuns.OrderByDescending(r => r.StartedAt).Select(r => new { r.SourceName, r.StartedAt }).ToListAsync(ct);

        Assert.Equal(["a.md", "b.md"], runs.Select(r => r.SourceName));
        Assert.Equal(started, runs[0].StartedAt);
    }

    private static CatalogDbContext ContextWithoutServer(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql
        ? PostgreSqlData.CreateContext("Host=127.0.0.1;Database=unused")
        : new CatalogDbContext(new DbContextOptionsBuilder<CatalogDbContext>().UseSqlite("Data Source=:memory:").Options);
}
