using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Catalog.Web.Web;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Pages.Admin;

/// <summary>
/// What an admin error status means, re-executed by the status code pages middleware with the original status kept.
/// The original request may be a POST whose form was refused: this page reads no form, so it skips antiforgery.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IOptions<CatalogOptions> options) : PageModel
{
    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string Back { get; private set; } = "/admin";

    public void OnGet([FromRoute] int code) => Describe(code);

    public void OnPost([FromRoute] int code) => Describe(code);

    private void Describe(int code)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();

        // A re-executed upload's route values can come from the original request; its status is the one to explain.
        code = original?.OriginalStatusCode is > 0 and var status ? status : code;
        Back = code != StatusCodes.Status404NotFound && original?.OriginalPath is { Length: > 0 } path ? path : "/admin";
        (Heading, Message) = code switch
        {
            StatusCodes.Status400BadRequest => ("Form not accepted",
                "The form was refused: it has expired or did not come from this site. Go back, reload the page and try again."),
            StatusCodes.Status404NotFound => ("Not found", "There is no such admin page."),
            StatusCodes.Status413PayloadTooLarge => ("File too large",
                $"{new TooLargeBody(options.Value.MaxUploadBytes).Message}: the upload is larger than the limit of {options.Value.MaxUploadBytes:N0} bytes (Catalog:MaxUploadBytes). Nothing was imported."),
            StatusCodes.Status429TooManyRequests => ("Too many sign-in attempts",
                HttpContext.Response.Headers.RetryAfter is [{ } wait]
                    ? $"Too many sign-in attempts. Wait {wait} seconds, then try again."
                    : "Too many sign-in attempts. Wait a minute, then try again."),
            _ => ("Something went wrong", $"The request failed with status {code}."),
        };
    }
}
