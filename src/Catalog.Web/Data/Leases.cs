using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

/// <summary>
/// One mechanism for "one process at a time" across the CLI and every server on one catalog: a named row taken with a
/// single conditional upsert, renewed by its holder while it works and given back when done. A holder that dies stops
/// renewing, and the row is free to the next taker once its time has run out. Plain SQL both providers accept, so a
/// SQLite file shared by two hosts and a PostgreSQL database behave alike.
/// </summary>
public static class Leases
{
    /// <summary>
    /// Takes the lease when nobody holds it, its holder's time ran out, or the holder is this one (a renewal that
    /// failed on a passing database error is retried so); false when another holds it.
    /// </summary>
    public static async Task<bool> TryTakeLeaseAsync(this CatalogDbContext db, string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var until = now + duration;
        var taken = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Leases" ("Name", "Holder", "LeaseUntil") VALUES ({name}, {holder}, {until})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "LeaseUntil" = excluded."LeaseUntil"
            WHERE "Leases"."Holder" IS NULL OR "Leases"."LeaseUntil" < {now} OR "Leases"."Holder" = excluded."Holder"
            """, ct);
        return taken == 1;
    }

    /// <summary>Extends the holder's time; false when it no longer holds the lease (it ran out and another took it).</summary>
    public static async Task<bool> RenewLeaseAsync(this CatalogDbContext db, string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var until = now + duration;
        var renewed = await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Leases" SET "LeaseUntil" = {until} WHERE "Name" = {name} AND "Holder" = {holder}""", ct);
        return renewed == 1;
    }

    /// <summary>Gives the lease back; false when the holder no longer held it.</summary>
    public static async Task<bool> ReleaseLeaseAsync(this CatalogDbContext db, string name, string holder, CancellationToken ct)
    {
        var released = await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Leases" SET "Holder" = NULL, "LeaseUntil" = NULL WHERE "Name" = {name} AND "Holder" = {holder}""", ct);
        return released == 1;
    }

    /// <summary>The holder whose time has not run out; null when the lease is free.</summary>
    public static async Task<string?> ReadLeaseHolderAsync(this CatalogDbContext db, string name, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.Leases.AsNoTracking().Where(l => l.Name == name).Select(l => new { l.Holder, l.LeaseUntil }).SingleOrDefaultAsync(ct);
        return row is { Holder: not null } && row.LeaseUntil >= now ? row.Holder : null;
    }

    /// <summary>A holder name that says which process holds a lease, unique per call.</summary>
    public static string HolderName(string role) => $"{role} {Environment.ProcessId} on {Environment.MachineName} ({Guid.NewGuid().ToString("n")[..6]})";
}
