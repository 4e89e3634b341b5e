using Catalog.Web.Data;
using Xunit.Sdk;

namespace Catalog.Tests.Infrastructure;

/// <summary>
/// Theory data on each database, for a theory that has data of its own (<c>[MemberData]</c>): every row once per
/// provider, the provider first, PostgreSQL's rows skipped as <see cref="OnEachDatabaseAttribute"/> skips them.
/// </summary>
public static class EachDatabase
{
    public static IEnumerable<ITheoryDataRow> With(params object?[][] rows) =>
        from provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql }
        from row in rows
        select new TheoryDataRow([provider, .. row]) { Skip = provider == DatabaseProvider.PostgreSql ? TestPostgres.SkipReason : null };
}
