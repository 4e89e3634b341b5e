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
    // USER_HZ: 100 on every Linux build this runs on.
    private const double ClockTicksPerSecond = 100;

    private readonly int _postmaster;

    private PostgresCpu(int postmaster) => _postmaster = postmaster;

    /// <summary>Finds the postmaster as the parent of a backend of this connection string's server.</summary>
    public static async Task<PostgresCpu?> FindAsync(string connectionString)
    {
        int backend;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            backend = (int)(await command.ExecuteScalarAsync())!;
        }

        return Stat(backend) is { } stat ? new PostgresCpu(stat.ParentId) : null;
    }

    /// <summary>The cluster's CPU time so far (user + system).</summary>
    public TimeSpan Total()
    {
        var own = Stat(_postmaster) ?? throw new InvalidOperationException($"PostgreSQL's postmaster {_postmaster} is gone.");
        long ticks = own.Ticks + own.ChildTicks;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } child && child.ParentId == _postmaster)
            {
                ticks += child.Ticks + child.ChildTicks;
            }
        }

        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    private sealed record ProcessStat(int ParentId, long Ticks, long ChildTicks);

    private static ProcessStat? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return new ProcessStat((int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exited between the listing and the read, or not ours to read.
            return null;
        }
    }
}
