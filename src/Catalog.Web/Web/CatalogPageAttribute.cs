using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Web;

/// <summary>
/// Marks a page whose HTML depends only on its URL and the catalog: it is output-cached per catalog version
/// (<see cref="CatalogCache"/>), its 200 responses carry the version's ETag and Last-Modified, and a matching
/// conditional request is answered 304 before the page renders (after one existence check for pages of one thing,
/// <see cref="ICatalogItemPage"/>). Other methods than GET and HEAD answer 405 (<see cref="CatalogPageMethods"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CatalogPageAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var stamp = http.RequestServices.GetRequiredService<CatalogVersion>().Current;
        if (ConditionalGet.IsNotModified(http.Request, stamp)
            && (context.HandlerInstance is not ICatalogItemPage item || await item.ExistsAsync(http.RequestAborted)))
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

/// <summary>
/// A page about one thing named in its route (a topic, a host, a kind, a link): a conditional request for a thing
/// the catalog does not have is answered by the page (404, a redirect), never 304.
/// </summary>
public interface ICatalogItemPage
{
    /// <summary>Whether the route names a thing this page shows as it is (not a redirect, not gone); one indexed query at most.</summary>
    Task<bool> ExistsAsync(CancellationToken ct);
}
