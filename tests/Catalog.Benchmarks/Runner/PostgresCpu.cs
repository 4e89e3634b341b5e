using System.Globalization;
using Npgsql;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The CPU time a local PostgreSQL cluster has used: its postmaster's own and reaped children's time (every backend
/// that has exited) plus the live backends'. On PostgreSQL much of a request's work runs in the server's backend
/// processes, not in the app, so the app's CPU per request alone would flatter it against SQLite, which works inside
/// the app. Read from /proc; null when the server is not on this machine or /proc is not readable.
/// </summary>
public sealed class PostgresCpu
{
    private readonly int _postmaster;

    private PostgresCpu(int postmaster) => _postmaster = postmaster;

    /// <summary>Finds the postmaster as the parent of a backend of this connection string's server.</summary>
    public static async Task<PostgresCpu?> FindAsync(string connectionString)
    {
        // Read while the connection is open: without pooling its backend exits as soon as the connection closes.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return ProcessStat.Read(backend) is { } stat ? new PostgresCpu(stat.ParentId) : null;
    }

    /// <summary>The cluster's CPU time so far (user + system).</summary>
    public TimeSpan Total()
    {
        var own = ProcessStat.Read(_postmaster) ?? throw new InvalidOperationException($"PostgreSQL's postmaster {_postmaster} is gone.");
        long ticks = own.Ticks + own.ChildTicks;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && ProcessStat.Read(pid) is { } child && child.ParentId == _postmaster)
            {
                ticks += child.Ticks + child.ChildTicks;
            }
        }

        return ProcessStat.Time(ticks);
    }
}
