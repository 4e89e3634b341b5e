using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Admin;

/// <summary>
/// Backs off the one admin account, whatever the addresses the guesses come from: after
/// <c>Catalog:AdminLockoutAfterFailures</c> failed sign-ins in a row, sign-in is closed for a window that starts at a
/// minute and doubles with each further failure, up to an hour. A right password resets it. The count is a row in the
/// catalog's database, so the lockout holds for the whole site however many instances serve it; a run of failures is
/// forgotten <see cref="ForgetAfter"/> after its last one (a restart no longer forgives, so something must).
/// </summary>
public sealed class AdminLockout(CatalogDbContext db, IOptions<CatalogOptions> options, TimeProvider clock)
{
    public const string Account = "admin";

    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    private static readonly TimeSpan s_first = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_longest = TimeSpan.FromHours(1);

    /// <summary>How long sign-in stays closed, or null when a password may be checked now.</summary>
    public async Task<TimeSpan?> ClosedForAsync(CancellationToken ct)
    {
        var until = await db.SignInFailures.AsNoTracking().Where(f => f.Account == Account).Select(f => f.ClosedUntil).SingleOrDefaultAsync(ct);
        var left = until - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Counts a failure, one atomic upsert whichever instance it reaches, and closes sign-in past the limit.</summary>
    public async Task FailedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var forgotten = now - ForgetAfter;
        var failures = (await db.Database.SqlQuery<int>($"""
            INSERT INTO "SignInFailures" ("Account", "Failures", "LastFailedAt") VALUES ({Account}, 1, {now})
            ON CONFLICT ("Account") DO UPDATE SET
                "Failures" = CASE WHEN "SignInFailures"."LastFailedAt" < {forgotten} THEN 1 ELSE "SignInFailures"."Failures" + 1 END,
                "LastFailedAt" = excluded."LastFailedAt"
            RETURNING "Failures" AS "Value"
            """).ToListAsync(ct)).Single();

        var beyond = failures - options.Value.AdminLockoutAfterFailures;
        if (beyond >= 0)
        {
            var window = s_first * Math.Pow(2, Math.Min(beyond, 10));
            var until = now + (window < s_longest ? window : s_longest);

            // A later failure on another instance wrote its own, longer window: this one does not shorten it.
            await db.SignInFailures.Where(f => f.Account == Account && f.Failures == failures)
                .ExecuteUpdateAsync(f => f.SetProperty(r => r.ClosedUntil, until), ct);
        }
    }

    public Task SucceededAsync(CancellationToken ct) => db.SignInFailures.Where(f => f.Account == Account).ExecuteDeleteAsync(ct);
}
