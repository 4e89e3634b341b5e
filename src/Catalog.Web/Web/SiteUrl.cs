using Microsoft.Extensions.Options;

namespace Catalog.Web.Web;

/// <summary>
/// The absolute address of the site, for answers that must carry one (OpenSearch templates, feeds):
/// <c>Catalog:PublicUrl</c> when set, so a forged Host header cannot end up in them; else the request's own.
/// </summary>
public static class SiteUrl
{
    public static string Of(HttpRequest request) =>
        Configured(request.HttpContext.RequestServices.GetRequiredService<IOptions<CatalogOptions>>().Value)
        ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string? Configured(CatalogOptions options) =>
        options.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/') : null;
}
