using Catalog.Web.Data;

namespace Catalog.Web.Search;

/// <summary>
/// Rebuilds the search index on start when the catalog has content but the index has none: after a migration that
/// changed the index's shape, the catalog need not be imported again.
/// </summary>
public sealed class SearchIndexStartup(IServiceScopeFactory scopes, ILogger<SearchIndexStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var connection = await scope.ServiceProvider.GetRequiredService<CatalogSearch>().OpenAsync(cancellationToken);
        if (!await SearchIndex.IsStaleAsync(connection, cancellationToken))
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SearchIndex.RebuildAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Rebuilt the search index of {DatabasePath}", db.DatabasePath());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
