using Microsoft.Extensions.Options;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Asks the arXiv export API about many ids at once: id_list of at most a hundred with max_results set to the batch
/// size (its default is ten), one call at a time with the configured gap, and ids that come back empty asked once more.
/// </summary>
public sealed class ArxivSource(LinkFetcher fetcher, IOptions<LinkMetadataOptions> options, TimeProvider clock, ILogger<ArxivSource> logger) : IDisposable
{
    public const int BatchSize = 100;

    private readonly Pacer _pacer = new(clock, options.Value.ArxivInterval);

    public void Dispose() => _pacer.Dispose();

    public async Task<Dictionary<string, FetchedMetadata>> FetchAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var found = new Dictionary<string, FetchedMetadata>(StringComparer.OrdinalIgnoreCase);
        var wanted = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        for (var attempt = 0; attempt < 2 && wanted.Count > 0; attempt++)
        {
            foreach (var batch in wanted.Chunk(BatchSize))
            {
                foreach (var (id, record) in await BatchAsync(batch, ct))
                {
                    found[id] = record;
                }
            }

            wanted = wanted.Where(id => !found.ContainsKey(id)).ToList();
        }

        if (wanted.Count > 0)
        {
            logger.LogInformation("arXiv gave no record for {Ids} ids", wanted.Count);
        }

        return found;
    }

    private Task<Dictionary<string, FetchedMetadata>> BatchAsync(string[] ids, CancellationToken ct) => _pacer.RunAsync(async () =>
    {
        var url = new Uri($"{options.Value.ArxivApi}?id_list={string.Join(',', ids.Select(Uri.EscapeDataString))}&max_results={ids.Length}");
        var result = await fetcher.GetAsync(url, ct);
        if (result.HttpStatus != 200 || result.Body is null)
        {
            logger.LogWarning("arXiv API answered {Status} ({Error}) for {Ids} ids", result.HttpStatus, result.Error, ids.Length);
            return new Dictionary<string, FetchedMetadata>();
        }

        return ArxivAtom.Parse(result.Body);
    }, ct);
}
