namespace Catalog.Web.Operations;

/// <summary>
/// Outside Development an unhandled exception answers 500 with the friendly /error page (no stack trace, the request
/// id to quote) while the exception itself goes to the log under that id. Development keeps the developer page.
/// </summary>
public static class ErrorPage
{
    public const string Path = "/error";

    /// <summary>First in the pipeline: every later middleware runs again for the error page (its headers too).</summary>
    public static WebApplication UseCatalogErrorPage(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(Path);
        }

        return app;
    }
}
