using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Admin;

/// <summary>
/// The server's limit on an upload's request body: <c>Catalog:MaxUploadBytes</c> plus room for the form's other fields.
/// It runs before antiforgery validation (order 1000), the first thing to read the body: a declared length over the
/// limit is refused with 413 unread, and a body sent without a length is cut off by the server at the limit.
/// ASP.NET Core's [RequestSizeLimit] sets the same server limit, but only to a constant fixed at compile time; this one
/// follows the configuration.
/// </summary>
public sealed class UploadSizeLimit(IOptions<CatalogOptions> options) : IAuthorizationFilter
{
    public const int Order = 900;

    /// <summary>Multipart boundaries, the antiforgery token and the handler's fields.</summary>
    public const long FormOverhead = 64 * 1024;

    public long MaxRequestBytes => options.Value.MaxUploadBytes + FormOverhead;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = MaxRequestBytes;
        }

        if (http.Request.ContentLength > MaxRequestBytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
