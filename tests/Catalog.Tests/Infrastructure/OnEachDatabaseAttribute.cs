using System.Reflection;
using Catalog.Web.Data;
using Xunit.Sdk;
using Xunit.v3;

namespace Catalog.Tests.Infrastructure;

/// <summary>
/// Runs a theory once per database provider: its <see cref="DatabaseProvider"/> parameter is Sqlite, then PostgreSql.
/// The PostgreSQL row is skipped, with the reason, when no test server is configured (<see cref="TestPostgres"/>),
/// unless CATALOG_REQUIRE_POSTGRES=1 makes it run and fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnEachDatabaseAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        ValueTask.FromResult<IReadOnlyCollection<ITheoryDataRow>>(
        [
            new TheoryDataRow<DatabaseProvider>(DatabaseProvider.Sqlite),
            new TheoryDataRow<DatabaseProvider>(DatabaseProvider.PostgreSql) { Skip = TestPostgres.SkipReason },
        ]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
