using Catalog.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Operations;

/// <summary>
/// A consistent copy of the live catalog through SQLite's online backup API: it reads one snapshot (WAL mode lets
/// imports and readers carry on meanwhile) and the copy is checked with PRAGMA integrity_check before it counts.
/// </summary>
public static class DatabaseBackup
{
    public sealed record Result(string Target, long Topics, long Links, long Bytes);

    /// <exception cref="InvalidOperationException">The catalog or the target is not usable; the message says why.</exception>
    public static async Task<Result> BackupAsync(CatalogDbContext db, string target, CancellationToken ct)
    {
        var source = Path.GetFullPath(db.DatabasePath());
        target = Path.GetFullPath(target);
        if (!File.Exists(source))
        {
            throw new InvalidOperationException($"there is no catalog database at {source}.");
        }

        if (File.Exists(target) || string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{target} already exists; a backup never overwrites a file.");
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
            await copy.OpenAsync(ct);
            ((SqliteConnection)db.Database.GetDbConnection()).BackupDatabase(copy);
            var integrity = await ScalarAsync(copy, "PRAGMA integrity_check", ct);
            if (integrity is not "ok")
            {
                throw new InvalidOperationException($"the copy failed its integrity check: {integrity}");
            }

            // Counted in the copy: the live catalog may already have moved on.
            var topics = (long)(await ScalarAsync(copy, "SELECT count(*) FROM Topics", ct))!;
            var links = (long)(await ScalarAsync(copy, "SELECT count(*) FROM Links", ct))!;
            return new Result(target, topics, links, new FileInfo(target).Length);
        }
        catch
        {
            // A half-written or unsound copy must not be mistaken for a backup later.
            if (File.Exists(target))
            {
                File.Delete(target);
            }

            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
