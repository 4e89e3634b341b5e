using System.Globalization;
using Catalog.Web.Admin;
using Microsoft.AspNetCore.Http.Features;

namespace Catalog.Web.Web;

/// <summary>
/// A request whose declared body is over its limit (the admin upload's, or the server's for everything else) gets a
/// 413 page that says "File too large" and the limit. Answering before the body is read makes the server close the
/// connection while the browser is still sending, and the browser then shows a failed request or an unrelated page
/// instead of the answer; so a body up to <see cref="DrainLimit"/> is read and thrown away first. A larger one is
/// still refused, only without a page a browser can show.
/// </summary>
public static class TooLargeBodies
{
    public const long DrainLimit = 64L * 1024 * 1024;

    /// <summary>After the status page middlewares, which turn the empty 413 into the admin or public page, and after the routing that routes their re-executed request.</summary>
    public static WebApplication UseTooLargeBodies(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            var (limit, shown) = IsUpload(context.Request)
                ? (context.RequestServices.GetRequiredService<UploadSizeLimit>().MaxRequestBytes,
                    context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<CatalogOptions>>().Value.MaxUploadBytes)
                : (size?.MaxRequestBodySize, size?.MaxRequestBodySize);
            if (context.Request.ContentLength is not { } length || limit is not { } max || length <= max)
            {
                await next(context);
                return;
            }

            if (length <= DrainLimit && size is { IsReadOnly: false })
            {
                size.MaxRequestBodySize = length;
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }

            context.Features.Set(new TooLargeBody(shown ?? max));
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        });
        return app;
    }

    private static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/admin/import", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The limit a refused body was over, for the status page to name.</summary>
public sealed record TooLargeBody(long LimitBytes)
{
    public string Message => $"File too large (limit {Size(LimitBytes)})";

    // Kestrel's limit is set in decimal megabytes, the upload limit in binary ones: each shows as a round number.
    public static string Size(long bytes) => bytes switch
    {
        >= 1_000_000 when bytes % 1_000_000 == 0 => Round(bytes / 1e6) + " MB",
        >= 1024 * 1024 => Round(bytes / (1024.0 * 1024)) + " MB",
        _ => Round(bytes / 1024.0) + " KB",
    };

    private static string Round(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
