using System.Data;
using System.Data.Common;
using Catalog.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Operations;

/// <summary>
/// Each GET or HEAD request reads the catalog from one snapshot. A topic page or /api/topics/{slug} runs several
/// queries; an import committed between two of them would otherwise give a page with the old topic and the new links.
/// The request's connection runs inside one deferred transaction (plain BEGIN): in WAL mode its first read fixes the
/// snapshot and it never takes the write lock, so imports commit while readers read, and readers never wait.
/// PostgreSQL gives the same with a REPEATABLE READ transaction: its snapshot is taken at the first query.
/// </summary>
/// <remarks>
/// GET handlers must not write: the snapshot is rolled back at the end of the request, and a write inside a snapshot
/// that an import has since overtaken fails with SQLITE_BUSY. Imports run in scopes of their own (CLI, watcher,
/// start-up) or on POST (admin), so they never share it.
/// </remarks>
public static class ReadSnapshots
{
    /// <summary>After routing and the output cache: a cached page needs no snapshot, and only endpoints get one.</summary>
    public static IApplicationBuilder UseReadSnapshots(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var db = IsRead(context) ? context.RequestServices.GetRequiredService<CatalogDbContext>() : null;
        if (db is null || db.Database.CurrentTransaction is not null)
        {
            await next(context);
            return;
        }

        var snapshot = await TryBeginAsync(db, context.RequestAborted);
        if (snapshot is null)
        {
            // The database cannot be opened: the endpoint meets the same error and answers for it (503 from /healthz,
            // the error page elsewhere), and the error page itself must not depend on the database.
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            await EndAsync(db, snapshot);
        }
    });

    private static bool IsRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && context.GetEndpoint() is not null;

    private static async Task<DbTransaction?> TryBeginAsync(CatalogDbContext db, CancellationToken ct)
    {
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            DbTransaction snapshot = db.Database.GetDbConnection() is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await db.Database.GetDbConnection().BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await db.Database.UseTransactionAsync(snapshot, ct);
            return snapshot;
        }
        catch (DbException)
        {
            await db.Database.CloseConnectionAsync();
            return null;
        }
    }

    // Rolled back, not committed: releasing the snapshot is all a read needs, and a GET leaves no writes behind.
    private static async Task EndAsync(CatalogDbContext db, DbTransaction snapshot)
    {
        await db.Database.UseTransactionAsync(null);
        await snapshot.DisposeAsync();
        await db.Database.CloseConnectionAsync();
    }
}
