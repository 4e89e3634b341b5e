using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Import;

/// <summary>
/// Runs before the server listens: creates the database, applies migrations and, when the catalog is empty, imports
/// every *.md file of the seeds folder. A fresh clone needs no configuration.
/// </summary>
public sealed class CatalogStartup(IServiceScopeFactory scopes, IOptions<CatalogOptions> options, ILogger<CatalogStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await db.MigrateCatalogAsync(cancellationToken);
        logger.LogInformation("Catalog database at {DatabasePath}", db.DatabasePath());

        if (!options.Value.ImportSeedsOnStart || await db.Sources.AnyAsync(cancellationToken))
        {
            return;
        }

        var seeds = options.Value.SeedsPath;
        if (!Directory.Exists(seeds))
        {
            logger.LogWarning("The catalog is empty and the seeds folder {SeedsPath} does not exist; nothing imported", seeds);
            return;
        }

        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        foreach (var path in Directory.EnumerateFiles(seeds, "*.md").Order(StringComparer.Ordinal))
        {
            try
            {
                var file = await SeedFile.ReadAsync(path, options.Value.MaxSeedBytes, cancellationToken);
                await importer.ImportAsync(new ImportRequest(file, User: "first-run"), cancellationToken);
            }
            catch (SeedFileException e)
            {
                // One bad file must not keep the others (or the site) from coming up.
                logger.LogError("Seed {SeedPath} was not imported: {Reason}", path, e.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
