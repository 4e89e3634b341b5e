using System.Data.Common;
using Catalog.Web.Data;
using Catalog.Web.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// Embeds the catalog in the background: at start and whenever the catalog version changes (an import here or in the
/// CLI), one <see cref="EmbeddingPass"/> on its own connection, on either database, its model runs on a
/// <see cref="LowPriorityThread"/>. Imports and pages never wait for it; until it is done, search is lexical for the
/// documents not yet embedded.
/// </summary>
public sealed class SemanticIndexer(
    CatalogDatabase database,
    CatalogVersion version,
    TextEmbedder embedder,
    SemanticIndex index,
    IOptions<SemanticOptions> options,
    IOutputCacheStore cache,
    ILogger<SemanticIndexer> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host finishes starting before the model is loaded.
        await Task.Yield();
        using var thread = new LowPriorityThread("Catalog embedding");
        var pass = new EmbeddingPass(embedder, index, options.Value.EmbeddingBatch, thread);
        long? done = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wanted = version.Current.Version;
                if (wanted != done)
                {
                    done = await RunAsync(pass, thread, wanted, stoppingToken) ? wanted : done;
                }

                await Task.Delay(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-pass loses nothing: every batch written is kept, and the next start embeds the rest.
        }
    }

    private async Task<bool> RunAsync(EmbeddingPass pass, LowPriorityThread thread, long wanted, CancellationToken ct)
    {
        try
        {
            var started = DateTime.UtcNow;
            var finished = await pass.RunAsync(database, wanted, () => version.Current.Version != wanted, ct);
            if (finished)
            {
                // A fresh model for the queries: the pass's session keeps its largest batch's buffers for good. Only
                // after a pass that ran the model: a link check or a metadata save makes a version with nothing to embed.
                if (index.Progress.Computed > 0)
                {
                    await thread.RunAsync(embedder.Reload, ct);
                }

                // The pass's own garbage (every document's text, read once, and each batch's buffers) is in the oldest
                // generation by now, which the GC keeps committed until memory runs short. One compacting collection
                // per finished pass (once per catalog version) returns it; then the model runs' freed activations go back
                // to the system, and the server keeps only what queries need.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                NativeHeap.Trim();
                // Searches and link pages cached while the vectors were missing were answered without them.
                await cache.EvictByTagAsync(CatalogCache.Tag, ct);
                logger.LogInformation("Embedded catalog version {CatalogVersion}: {Documents} documents in {Elapsed:0.0} s",
                    wanted, index.Progress.Documents, (DateTime.UtcNow - started).TotalSeconds);
            }

            return finished;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            // A locked database or a failing model leaves search lexical; the next version change tries again.
            logger.LogWarning(e, "Embedding catalog version {CatalogVersion} failed", wanted);
            index.Report(index.Progress with { State = "failed", Error = e.Message });
            return true;
        }
    }
}
