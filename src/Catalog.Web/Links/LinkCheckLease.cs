using System.Text.Json;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Links;

/// <summary>Where the current run stands and how the last one ended, as any process reads it from the database.</summary>
public sealed record LinkCheckProgress(
    string? Holder, DateTimeOffset? StartedAt, int Done, int Total, DateTimeOffset? LastFinishedAt, LinkCheckSummary? Last)
{
    public bool Running => Holder is not null;
}

/// <summary>
/// One run at a time across the CLI and every server on the same catalog: a run takes the "links" lease
/// (Data/Leases.cs), renews it while it works with its progress, and gives it back with its result. A lease left by a
/// process that died runs out after <see cref="Duration"/>.
/// </summary>
public static class LinkCheckLease
{
    public const string Name = "links";

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static async Task<bool> TryAcquireAsync(this CatalogDbContext db, string holder, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.TryTakeLeaseAsync(Name, holder, now, Duration, ct))
        {
            return false;
        }

        await db.Database.ExecuteSqlAsync($"""UPDATE "LinkCheckState" SET "StartedAt" = {now}, "Done" = 0, "Total" = 0 WHERE "Id" = 1""", ct);
        return true;
    }

    /// <summary>Records how far the run got and renews the lease.</summary>
    public static async Task RenewAsync(this CatalogDbContext db, string holder, int done, int total, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.RenewLeaseAsync(Name, holder, now, Duration, ct))
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "LinkCheckState" SET "Done" = {done}, "Total" = {total} WHERE "Id" = 1""", ct);
        }
    }

    /// <summary>Gives the lease back; a finished run leaves its counts for the admin page.</summary>
    public static async Task ReleaseAsync(this CatalogDbContext db, string holder, LinkCheckSummary? summary, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.ReleaseLeaseAsync(Name, holder, ct) || summary is null)
        {
            return;
        }

        var json = JsonSerializer.Serialize(summary, s_json);
        var count = summary.Checked;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "LinkCheckState" SET "Done" = {count}, "Total" = {count}, "LastFinishedAt" = {now}, "LastSummaryJson" = {json}
            WHERE "Id" = 1
            """, ct);
    }

    /// <summary>The state row and the lease's holder in one query: the schedule reads it on every turn, the admin page on every view.</summary>
    public static async Task<LinkCheckProgress> ReadProgressAsync(this CatalogDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var read = await db.LinkCheckState.AsNoTracking()
            .Where(s => s.Id == 1)
            .Select(s => new
            {
                Row = s,
                Holder = db.Leases.Where(l => l.Name == Name).Select(l => l.Holder).SingleOrDefault(),
                Until = db.Leases.Where(l => l.Name == Name).Select(l => l.LeaseUntil).SingleOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        var row = read?.Row ?? new LinkCheckStateRow { Id = 1 };
        var holder = read is { } r && r.Until >= now ? r.Holder : null;
        var last = row.LastSummaryJson is null ? null : JsonSerializer.Deserialize<LinkCheckSummary>(row.LastSummaryJson, s_json);
        return new LinkCheckProgress(holder, holder is null ? null : row.StartedAt, row.Done, row.Total, row.LastFinishedAt, last);
    }
}
