using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Web;

/// <summary>
/// Marks a page whose HTML depends only on its URL and the catalog: it is output-cached per catalog version
/// (<see cref="CatalogCache"/>), its 200 responses carry the version's ETag and Last-Modified, and a matching
/// conditional request is answered 304 before the page runs a single query.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CatalogPageAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var stamp = http.RequestServices.GetRequiredService<CatalogVersion>().Current;
        if (ConditionalGet.IsNotModified(http.Request, stamp))
        {
            ConditionalGet.SetValidators(http.Response, stamp);
            context.Result = new StatusCodeResult(StatusCodes.Status304NotModified);
            return;
        }

        var executed = await next();
        // Redirects, 404 and 410 are not versions of this page: they get no validators.
        if (executed.Exception is null && executed.Result is null or PageResult && http.Response.StatusCode == StatusCodes.Status200OK)
        {
            ConditionalGet.SetValidators(http.Response, stamp);
        }
    }
}
