using Catalog.Web.Operations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Pages;

/// <summary>
/// What a reader sees when the server failed (re-executed by UseExceptionHandler outside Development): no details of
/// the failure, only the request id under which the log has them. Needs no database: the database may be the failure.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = "";

    // A failed POST is re-executed as a POST: it gets the same page.
    public IActionResult OnPost() => OnGet();

    public IActionResult OnGet()
    {
        var error = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (error is null)
        {
            return NotFound(); // only failures are shown this page
        }

        RequestId = RequestIds.Of(HttpContext);
        Response.Headers.CacheControl = "no-store";
        return new PathString(error.Path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? new JsonResult(new { error = "The server failed to answer this request.", requestId = RequestId }) { StatusCode = StatusCodes.Status500InternalServerError }
            : Page();
    }
}
