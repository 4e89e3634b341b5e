using System.CommandLine;
using Catalog.Web.Data;
using Catalog.Web.Operations;

namespace Catalog.Web.Cli;

/// <summary><c>backup &lt;target.db&gt;</c>: copies the live database with SQLite's online backup and checks the copy; on PostgreSQL prints the pg_dump command.</summary>
public static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("target.db") { Description = "A new file to copy the catalog to; it must not exist." };
        var command = new Command("backup", "Copy the live catalog database to a new file (safe while serving).") { target };
        command.SetAction((parsed, ct) => RunAsync(context, parsed.GetValue(target)!, ct));
        return command;
    }

    /// <summary>Nothing backed up: the catalog is on PostgreSQL, and the pg_dump command to use was printed instead.</summary>
    public const int PrintedPgDump = 2;

    /// <returns>0 done, 1 no catalog or the target exists, 2 the pg_dump command printed (PostgreSQL).</returns>
    private static async Task<int> RunAsync(CliContext context, string target, CancellationToken ct)
    {
        var database = context.Services.GetRequiredService<CatalogDatabase>();
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            Console.Error.WriteLine("backup: the catalog is on PostgreSQL; back it up with pg_dump (not run here; the password comes from PGPASSWORD or ~/.pgpass):");
            context.Out.WriteLine(Data.PostgreSql.PgDump.CommandFor(database.ConnectionString, target));
            return PrintedPgDump;
        }

        await using var scope = context.Services.CreateAsyncScope();
        try
        {
            var backup = await DatabaseBackup.BackupAsync(scope.ServiceProvider.GetRequiredService<CatalogDbContext>(), target, ct);
            context.Out.WriteLine($"Backed up {backup.Topics} topics and {backup.Links} links to {backup.Target} ({backup.Bytes:N0} bytes, integrity ok)");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("backup: " + e.Message);
            return 1;
        }
    }
}
