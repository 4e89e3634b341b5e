using Catalog.Web.Data;
using Catalog.Web.Data.Sqlite;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Admin;

/// <summary>The admin area under /admin: cookie sign-in, its rate limit, previews kept between pages (in the database).</summary>
public static class AdminExtensions
{
    public const string Policy = "Admin";

    private const string DataProtectionPreload = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    public static IServiceCollection AddCatalogAdmin(this IServiceCollection services)
    {
        // Keys in the database: sign-in cookies and antiforgery tokens survive restarts and redeploys, and one instance
        // accepts what another behind the same load balancer issued.
        services.AddDataProtection()
            .SetApplicationName("Catalog")
            .PersistKeysToDbContext<CatalogDbContext>();

        services.AddSingleton<AdminPassword>();
        services.AddScoped<AdminLockout>();
        services.AddScoped<AdminSessions>();
        services.AddSingleton<UploadSizeLimit>();
        services.AddScoped<PendingImports>();
        // Only admin forms post, so only /admin needs the token's cookie: public pages stay cookie-free and cacheable.
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Path = "/admin";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(ConfigureCookie);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireClaim(AdminPassword.StampClaim));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, SignInRateLimit>(SignInRateLimit.Policy);
            limiter.OnRejected = SignInRateLimit.SetRetryAfter;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<CatalogOptions>>((limiter, catalog) =>
            limiter.GlobalLimiter = SignInRateLimit.Ceiling(catalog.Value));
        // Through AddRazorPages, not Configure<RazorPagesOptions>: Razor Pages' own options setup replaces the
        // conventions collection, so conventions configured before it would be lost.
        services.AddRazorPages(pages => pages.Conventions
            .AuthorizeFolder("/Admin", Policy)
            .AllowAnonymousToPage("/Admin/SignIn")
            .AllowAnonymousToPage("/Admin/Status"));
        services.AddOptions<FormOptions>().Configure<IOptions<CatalogOptions>>((form, catalog) =>
            form.MultipartBodyLengthLimit = Math.Max(form.MultipartBodyLengthLimit, catalog.Value.MaxUploadBytes + UploadSizeLimit.FormOverhead));
        return services;
    }

    /// <summary>
    /// The key ring is read when a request first needs it (an admin form, a sign-in cookie), not by Data Protection's
    /// own hosted service before the server listens: public pages never use it, and reading it there put one more cold
    /// database query in front of the first response (the cold start rows of the benchmarks' README). Called after
    /// every other registration: Razor Pages, antiforgery and cookie authentication each add Data Protection again, and
    /// with it that service.
    /// </summary>
    public static IServiceCollection ReadKeyRingOnFirstUse(this IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ImplementationType?.FullName == DataProtectionPreload) is { } preload)
        {
            services.Remove(preload);
        }

        return services;
    }

    /// <summary>
    /// Admin errors (an expired form, an upload over the limit, too many sign-ins) answer with their status code and an
    /// admin page that says what happened; the public site keeps its own. Goes before UseRouting, which matches the
    /// re-executed request to the status page.
    /// </summary>
    public static WebApplication UseAdminStatusPages(this WebApplication app)
    {
        app.UseWhen(
            IsAdmin,
            admin => admin.UseStatusCodePagesWithReExecute("/admin/status/{0}"));
        return app;
    }

    /// <summary>
    /// Sign-in rate limit, cookie authentication and the admin policy, on /admin only; after UseRouting. Everything they
    /// guard is there, and the sign-in cookie's path keeps it there: on a public request they only found an anonymous
    /// reader and no limit, at 3% of a distinct search's CPU. An endpoint elsewhere that asked for authorization would
    /// fail, not open: the endpoint middleware refuses to run one the authorization middleware has not seen.
    /// </summary>
    public static WebApplication UseCatalogAdmin(this WebApplication app)
    {
        IApplicationBuilder? branch = null;
        app.UseWhen(
            IsAdmin,
            admin =>
            {
                branch = admin;
                admin.UseRateLimiter();
                admin.UseAuthentication();
                admin.UseAuthorization();
            });

        // A web application puts authentication and authorization in front of its whole pipeline unless its own
        // properties say the pipeline has them; the branch's say so (each Use marks the builder it is on), the app's
        // would not, and every public request would be authenticated again.
        foreach (var (key, value) in branch!.Properties)
        {
            ((IApplicationBuilder)app).Properties.TryAdd(key, value);
        }

        return app;
    }

    // A request for the admin pages, in any case, as routes match.
    private static bool IsAdmin(HttpContext context) => context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder that holds the SQLite file (the content root's App_Data for an in-memory or a PostgreSQL database).</summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = CatalogDatabaseSettings.Read(configuration, environment.ContentRootPath);
        var database = settings.Provider == DatabaseProvider.Sqlite ? SqliteFile.PathOf(settings.ConnectionString) : "";
        return Path.GetDirectoryName(database) is { Length: > 0 } folder && Path.IsPathRooted(database)
            ? folder
            : Path.Combine(environment.ContentRootPath, "App_Data");
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = "catalog-admin";
        cookie.Cookie.Path = "/admin";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.LoginPath = "/admin/sign-in";
        cookie.LogoutPath = "/admin/sign-out";
        cookie.AccessDeniedPath = "/admin/sign-in";
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = true;
        // The handler's own redirect is absolute, built from the Host header: relative (or on Catalog:PublicUrl) instead.
        cookie.Events.OnRedirectToLogin = context =>
        {
            var target = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
            var relative = target.IsAbsoluteUri ? target.PathAndQuery : context.RedirectUri;
            var site = SiteUrl.Configured(context.HttpContext.RequestServices.GetRequiredService<IOptions<CatalogOptions>>().Value);
            context.Response.Redirect(site + relative);
            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var services = context.HttpContext.RequestServices;
            if (!services.GetRequiredService<AdminPassword>().Accepts(context.Principal)
                || !await services.GetRequiredService<AdminSessions>().IsLiveAsync(context.Principal, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };
    }
}
