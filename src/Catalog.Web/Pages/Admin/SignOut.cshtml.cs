using Catalog.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Pages.Admin;

/// <summary>Signing out is a POST (with its antiforgery token) from the admin bar; a GET just goes back.</summary>
public sealed class SignOutModel(AdminSessions sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        // Deleting the session row, not just the cookie, is what makes a copied cookie useless from now on.
        await sessions.EndAsync(User, HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/");
    }
}
