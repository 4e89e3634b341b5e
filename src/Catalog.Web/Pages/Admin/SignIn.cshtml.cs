using System.Globalization;
using Catalog.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Catalog.Web.Pages.Admin;

[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SignInModel(AdminPassword password, AdminLockout lockout, AdminSessions sessions, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled => password.IsEnabled;

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!password.IsEnabled)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (await lockout.ClosedForAsync(HttpContext.RequestAborted) is { } closed)
        {
            // Refused before the password is checked: a closed sign-in costs no hashing.
            Response.Headers.RetryAfter = ((int)Math.Ceiling(closed.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            logger.LogWarning("Admin sign-in from {ClientAddress} refused: sign-in closed after repeated failures", HttpContext.Connection.RemoteIpAddress);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (!password.Verify(Password))
        {
            // Counted even if the client hangs up: dropping the connection must not buy a free guess.
            await lockout.FailedAsync(CancellationToken.None);
            logger.LogWarning("Failed admin sign-in from {ClientAddress}", HttpContext.Connection.RemoteIpAddress);
            Error = "That is not the admin password.";
            return Page();
        }

        await lockout.SucceededAsync(HttpContext.RequestAborted);
        var session = await sessions.StartAsync(HttpContext.RequestAborted);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, password.Principal(session));
        logger.LogInformation("Admin signed in from {ClientAddress}", HttpContext.Connection.RemoteIpAddress);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
    }
}
