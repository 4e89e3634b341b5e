using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Pages.Admin;

/// <summary>What an administrator does first: open an admin page, get sent to sign in, come back signed in.</summary>
public static class AdminSession
{
    public static readonly string ChangedSeed =
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "changed", "science-of-deep-learning.md");

    public static async Task SignInAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync(url => url.Contains("/admin/sign-in", StringComparison.Ordinal));
        await page.GetByLabel("Admin password").FillAsync(BrowserFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**" + path);
    }

    /// <summary>Uploads the changed seed on the import page and waits for its dry run.</summary>
    public static async Task PreviewChangedSeedAsync(IPage page)
    {
        await page.Locator("#upload").SetInputFilesAsync(ChangedSeed);
        await page.Locator("#upload-form").GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.Locator("#diff-summary").WaitForAsync();
    }
}
