using Catalog.Web.Data;
using Catalog.Web.Search;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Import;

/// <summary>
/// The server's start-up, in order, before it listens: create or migrate the database; when the catalog is empty,
/// import every *.md file of the seeds folder (with the link metadata of its NAME.links.json, if any: a fresh clone
/// needs no configuration and no network); rebuild the search index if a migration changed its shape, so the catalog
/// need not be imported again; last, tell the <see cref="ICatalogChangeListener"/>s which catalog the server starts on,
/// so the first response already carries its version.
/// </summary>
public sealed class CatalogStartup(
    IServiceScopeFactory scopes,
    IEnumerable<ICatalogChangeListener> listeners,
    IOptions<CatalogOptions> options,
    ILogger<CatalogStartup> logger) : IHostedService
{
    private Task? _work;

    /// <summary>
    /// Starts the sequence on the thread pool before the host starts, so that it runs while the rest of Program.cs
    /// builds the request pipeline (Razor Pages' endpoints are the larger part); <see cref="StartAsync"/> waits for it.
    /// </summary>
    public void Begin(CancellationToken cancellationToken) => _work ??= Task.Run(() => RunAsync(cancellationToken), cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Begin(cancellationToken);
        return _work!.WaitAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await db.MigrateCatalogAsync(cancellationToken);
        var database = scope.ServiceProvider.GetRequiredService<CatalogDatabase>();
        logger.LogInformation("Catalog database at {DatabasePath}", database.Describe());
        await ImportSeedsAsync(scope.ServiceProvider, db, cancellationToken);
        await RebuildStaleSearchIndexAsync(db, database, cancellationToken);
        foreach (var listener in listeners)
        {
            await listener.CatalogChangedAsync(cancellationToken);
        }
    }

    private async Task ImportSeedsAsync(IServiceProvider services, CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (!options.Value.ImportSeedsOnStart || await HasSourcesAsync(db, cancellationToken))
        {
            return;
        }

        var seeds = options.Value.SeedsPath;
        if (!Directory.Exists(seeds))
        {
            logger.LogWarning("The catalog is empty and the seeds folder {SeedsPath} does not exist; nothing imported", seeds);
            return;
        }

        var importer = services.GetRequiredService<CatalogImporter>();
        foreach (var path in Directory.EnumerateFiles(seeds, "*.md").Order(StringComparer.Ordinal))
        {
            try
            {
                var file = await SeedFile.ReadAsync(path, options.Value.MaxSeedBytes, cancellationToken);
                await importer.ImportAsync(new ImportRequest(file, User: "first-run"), cancellationToken);
                await services.GetRequiredService<Links.Metadata.LinkMetadataFile>().LoadBesideSeedAsync(path, cancellationToken);
            }
            catch (SeedFileException e)
            {
                // One bad file must not keep the others (or the site) from coming up.
                logger.LogError("Seed {SeedPath} was not imported: {Reason}", path, e.Message);
            }
        }
    }

    // SQL, not LINQ: EF Core compiles a LINQ query on its first use, and every start asks this before it listens.
    private static async Task<bool> HasSourcesAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ScalarAsync("""SELECT 1 FROM "Sources" LIMIT 1""", cancellationToken) == 1;
    }

    // On the context's own connection, which the scope closes.
    private async Task RebuildStaleSearchIndexAsync(CatalogDbContext db, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var connection = await db.OpenConnectionAsync(cancellationToken);
        if (!await SearchIndex.IsStaleAsync(connection, cancellationToken))
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SearchIndex.RebuildAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Rebuilt the search index of {DatabasePath}", database.Describe());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
