using Npgsql;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>
/// The backup of a PostgreSQL catalog is PostgreSQL's own <c>pg_dump</c>: the <c>backup</c> verb prints the command
/// for the configured database rather than run it, since the dump's client must match the server's major version and
/// the operator's host may not have it. The password is never printed: pg_dump reads PGPASSWORD or ~/.pgpass.
/// </summary>
public static class PgDump
{
    /// <summary>A shell command that writes the whole catalog database to <paramref name="target"/> (custom format, for pg_restore).</summary>
    public static string CommandFor(string connectionString, string target)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        return $"pg_dump --format=custom --file={Quote(Path.GetFullPath(target))} --host={Quote(database.Host!)} --port={database.Port} " +
            $"--username={Quote(database.Username ?? Environment.UserName)} --dbname={Quote(database.Database!)}";
    }

    // POSIX shell single quotes: nothing inside is special except the quote itself.
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
