using System.Data.Common;
using Catalog.Web.Data;
using Catalog.Web.Web;

namespace Catalog.Web.Search;

/// <summary>
/// Reads each new catalog version's <see cref="SearchLexicons"/> as soon as the version is seen (an import here or in
/// the CLI, a link-check run, a metadata save), so the first search of the version does not wait for it: reading
/// every document's text for the acronyms takes 1.8 s at the 200x benchmark catalog, and every search meanwhile waits.
/// Searches still read it themselves if they come first. The first read waits until the server has been answering for
/// a moment, so that it does not compete with the first responses.
/// </summary>
public sealed class SearchLexiconWarmer(
    CatalogDatabase database,
    CatalogVersion version,
    SearchLexicons lexicons,
    IHostApplicationLifetime lifetime,
    ILogger<SearchLexiconWarmer> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan AfterStart = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            await Task.Delay(AfterStart, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (lexicons.ReadVersion != version.Current.Version)
                {
                    await ReadAsync(stoppingToken);
                }

                await Task.Delay(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start reads the lexicon again.
        }
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await lexicons.GetAsync(connection, ct);
        }
        catch (DbException e)
        {
            // A busy or unreachable database: the next search reads the lexicon itself, the next poll tries again.
            logger.LogWarning(e, "Reading the search lexicon of catalog version {CatalogVersion} failed", version.Current.Version);
        }
    }

    private Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }
}
