using System.Data;
using System.Data.Common;
using Catalog.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Web.Operations;

/// <summary>
/// Each GET or HEAD request reads the catalog from one snapshot. A topic page or /api/topics/{slug} runs several
/// queries; an import committed between two of them would otherwise give a page with the old topic and the new links.
/// The request's connection runs inside one deferred transaction (plain BEGIN): in WAL mode its first read fixes the
/// snapshot and it never takes the write lock, so imports commit while readers read, and readers never wait.
/// PostgreSQL gives the same with a REPEATABLE READ transaction: its snapshot is taken at the first query.
/// </summary>
/// <remarks>
/// An endpoint marked <see cref="SnapshotAtFirstQueryAttribute"/> reads only through
/// <see cref="DataExtensions.OpenConnectionAsync"/>, and its snapshot begins there: a search answered from memory
/// (the catalog version's index, the links' health and metadata it remembers) opens no connection at all.
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

        // An endpoint marked so begins its snapshot at its first query (DataExtensions.OpenConnectionAsync), if any.
        var atFirstQuery = context.GetEndpoint()!.Metadata.GetMetadata<SnapshotAtFirstQueryAttribute>() is not null;
        var snapshot = atFirstQuery ? null : await TryBeginAsync(db, context.RequestAborted);
        if (!atFirstQuery && snapshot is null)
        {
            // The database cannot be opened: the endpoint meets the same error and answers for it (503 from /healthz,
            // the error page elsewhere), and the error page itself must not depend on the database.
            await next(context);
            return;
        }

        db.SnapshotAtFirstQuery = atFirstQuery;
        try
        {
            await next(context);
        }
        finally
        {
            db.SnapshotAtFirstQuery = false;
            if ((snapshot ?? db.Database.CurrentTransaction?.GetDbTransaction()) is { } begun)
            {
                await EndAsync(db, begun);
            }
        }
    });

    private static bool IsRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && context.GetEndpoint() is not null;

    private static async Task<DbTransaction?> TryBeginAsync(CatalogDbContext db, CancellationToken ct)
    {
        try
        {
            return await BeginAsync(db, ct);
        }
        catch (DbException)
        {
            await db.Database.CloseConnectionAsync();
            return null;
        }
    }

    /// <summary>Opens the context's connection and begins its read snapshot.</summary>
    internal static async Task<DbTransaction> BeginAsync(CatalogDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        DbTransaction snapshot = db.Database.GetDbConnection() is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await db.Database.GetDbConnection().BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await db.Database.UseTransactionAsync(snapshot, ct);
        return snapshot;
    }

    // Rolled back, not committed: releasing the snapshot is all a read needs, and a GET leaves no writes behind.
    private static async Task EndAsync(CatalogDbContext db, DbTransaction snapshot)
    {
        await db.Database.UseTransactionAsync(null);
        await snapshot.DisposeAsync();
        await db.Database.CloseConnectionAsync();
    }
}

/// <summary>
/// The endpoint reads the database only through <see cref="DataExtensions.OpenConnectionAsync"/> (plain SQL, no LINQ),
/// so its read snapshot can begin at its first query, or never when it has none (<see cref="ReadSnapshots"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class SnapshotAtFirstQueryAttribute : Attribute;
