using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Operations;

/// <summary>GET /healthz for load balancers: 200 when the database answers and the catalog has a successful import.</summary>
/// <remarks>
/// One endpoint with one check, not ASP.NET Core's health checks (AddHealthChecks/MapHealthChecks): for a single check
/// they add a check class and a custom response writer to keep this JSON, which is part of the documented API. When a
/// second check joins (a link checker's, say), move both to health checks with a writer that keeps these fields.
/// </remarks>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public sealed record Health(string Status, bool Database, long Version, string? LastImport, string? LastImportStatus);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, CheckAsync).DisableHttpMetrics();
        return app;
    }

    private static async Task<IResult> CheckAsync(CatalogDbContext db, CancellationToken ct)
    {
        try
        {
            var version = await db.CatalogState.Select(s => (long?)s.Version).SingleOrDefaultAsync(ct) ?? 0;
            var last = await db.ImportRuns.OrderByDescending(r => r.Id).Select(r => new { r.SourceName, r.FinishedAt, r.Status }).FirstOrDefaultAsync(ct);
            var healthy = last?.Status == ImportStatus.Succeeded;
            var health = new Health(healthy ? "healthy" : "unhealthy", true, version, last?.FinishedAt.ToString("O"), last?.Status.ToString());
            return healthy ? Results.Ok(health) : Results.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return Results.Json(new Health("unhealthy", false, 0, null, null), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
