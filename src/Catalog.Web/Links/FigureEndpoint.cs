using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Links;

public static class FigureEndpoint
{
    /// <summary>Kept figures by content hash: the address never changes what it serves, so it is cached for good.</summary>
    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder app)
    {
        app.MapGet("/figures/{sha256:regex(^[0-9a-f]{{64}}$)}", async (string sha256, CatalogDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var blob = await db.FigureBlobs.Where(b => b.Sha256 == sha256).Select(b => new { b.ContentType, b.Content }).SingleOrDefaultAsync(ct);
            if (blob is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(blob.Content, blob.ContentType);
        });
        return app;
    }
}
