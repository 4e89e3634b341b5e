using Catalog.Benchmarks.Runner;
using Catalog.Tests.Infrastructure;
using Npgsql;

namespace Catalog.Tests.Benchmarks;

/// <summary>The providers benchmark counts PostgreSQL's own CPU beside the app's: work done in a backend must show in it.</summary>
public sealed class PostgresCpuTests
{
    [Fact]
    public async Task WorkDoneInABackendThatHasSinceClosedCountsInTheClustersCpuTime()
    {
        Assert.SkipWhen(TestPostgres.SkipReason is not null, TestPostgres.SkipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        var server = TestPostgres.Server ?? throw new InvalidOperationException($"{TestPostgres.ServerVariable} is not set.");
        var cpu = await PostgresCpu.FindAsync(server);
        Assert.NotNull(cpu);
        var before = cpu.Total();

        // A query that keeps one backend busy for a while, on a connection of its own that closes afterwards: its
        // time is then only in the postmaster's reaped-children total.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var busy = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 20000000)", connection);
            await busy.ExecuteScalarAsync(ct);
        }

        // The backend exits after the client leaves; give the postmaster a moment to reap it.
        var after = cpu.Total();
        for (var i = 0; i < 50 && after - before < TimeSpan.FromMilliseconds(100); i++)
        {
            await Task.Delay(20, ct);
            after = cpu.Total();
        }

        Assert.True(after - before >= TimeSpan.FromMilliseconds(100), $"the cluster's CPU rose by {(after - before).TotalMilliseconds} ms over a query counting 20 million rows");
    }
}
