using Catalog.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Catalog.Web.Pages.Admin;

[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SignInModel(AdminPassword password, ILogger<SignInModel> logger) : PageModel
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

        if (!password.Verify(Password))
        {
            logger.LogWarning("Failed admin sign-in from {ClientAddress}", HttpContext.Connection.RemoteIpAddress);
            Error = "That is not the admin password.";
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, password.Principal());
        logger.LogInformation("Admin signed in from {ClientAddress}", HttpContext.Connection.RemoteIpAddress);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
    }
}
