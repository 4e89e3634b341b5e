using Microsoft.Extensions.Options;

namespace Catalog.Web.Import;

public static class ImportExtensions
{
    /// <param name="commandLine">A CLI verb runs: no first-run import in the background.</param>
    public static IServiceCollection AddCatalogImport(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, bool commandLine)
    {
        services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection(CatalogOptions.Section))
            .PostConfigure(o => o.SeedsPath = Path.GetFullPath(string.IsNullOrEmpty(o.SeedsPath) ? "seeds" : o.SeedsPath, environment.ContentRootPath))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CatalogImporter>();
        if (!commandLine)
        {
            services.AddSingleton<CatalogStartup>();
            services.AddHostedService(provider => provider.GetRequiredService<CatalogStartup>());
        }

        return services;
    }

    /// <summary>
    /// Starts the database start-up (<see cref="CatalogStartup"/>) now, on the thread pool, so that it overlaps the
    /// building of the request pipeline on the other core instead of following it; the host still waits for it before
    /// it listens.
    /// </summary>
    public static void BeginCatalogStartup(this WebApplication app) =>
        app.Services.GetRequiredService<CatalogStartup>().Begin(app.Lifetime.ApplicationStopping);
}

/// <summary>Refuses to start with an admin password hash that is not a PasswordHasher hash.</summary>
public sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options) =>
        options.AdminPasswordHash is { Length: > 0 } hash && !IsBase64(hash)
            ? ValidateOptionsResult.Fail("Catalog:AdminPasswordHash is not a password hash; make one with the hash-password command.")
            : ValidateOptionsResult.Success;

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
