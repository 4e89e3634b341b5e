using System.Security.Claims;
using System.Security.Cryptography;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Admin;

/// <summary>
/// Server-side admin sessions: a sign-in adds a row whose random id the cookie carries, sign-out deletes it, and a
/// session older than <c>Catalog:AdminSessionMax</c> is refused however recently it was used.
/// </summary>
public sealed class AdminSessions(CatalogDbContext db, IOptions<CatalogOptions> options, TimeProvider clock)
{
    public const string SessionClaim = "catalog:session";

    /// <summary>Starts a session and returns its id; sessions past their lifetime are swept out at the same time.</summary>
    public async Task<string> StartAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var oldest = now - options.Value.AdminSessionMax;
        var expired = await db.AdminSessions.Where(s => s.SignedInAt < oldest).ToListAsync(ct);
        db.AdminSessions.RemoveRange(expired);
        var session = new AdminSession { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), SignedInAt = now };
        db.AdminSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    public async Task<bool> IsLiveAsync(ClaimsPrincipal? principal, CancellationToken ct)
    {
        if (principal?.FindFirstValue(SessionClaim) is not { Length: > 0 } id)
        {
            return false;
        }

        var session = await db.AdminSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return session is not null && clock.GetUtcNow() - session.SignedInAt < options.Value.AdminSessionMax;
    }

    public async Task EndAsync(ClaimsPrincipal? principal, CancellationToken ct)
    {
        if (principal?.FindFirstValue(SessionClaim) is { Length: > 0 } id)
        {
            await db.AdminSessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        }
    }
}
