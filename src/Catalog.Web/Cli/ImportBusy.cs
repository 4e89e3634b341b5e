using Catalog.Web.Import;
using Microsoft.Data.Sqlite;

namespace Catalog.Web.Cli;

/// <summary>
/// The one place the CLI turns "another import holds the write lock" into its answer: one line on stderr and exit
/// code 3, never a stack trace. The importer says so with <see cref="ImportBusyException"/>; the schema steps around
/// it (creating, migrating, switching to WAL) can meet the same lock as a plain SQLite busy error.
/// </summary>
public static class ImportBusy
{
    public const int ExitCode = 3;

    public static bool Is(Exception e) =>
        e is ImportBusyException || e is SqliteException { SqliteErrorCode: 5 or 6 } || e.InnerException is SqliteException { SqliteErrorCode: 5 or 6 };

    public static int Report(Exception e, string file)
    {
        Console.Error.WriteLine(e is ImportBusyException ? e.Message : $"{Path.GetFileName(file)}: another import is running; nothing was changed. Try again when it has finished.");
        return ExitCode;
    }
}
