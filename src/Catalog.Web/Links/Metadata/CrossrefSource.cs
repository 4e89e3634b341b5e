using System.Globalization;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Asks Crossref's works API about one DOI at a time, with the configured mailto, spacing calls by the
/// x-rate-limit-limit and x-rate-limit-interval it announces, and stopping for the run on a 429.
/// </summary>
public sealed class CrossrefSource(LinkFetcher fetcher, IOptions<LinkMetadataOptions> options, TimeProvider clock, ILogger<CrossrefSource> logger) : IDisposable
{
    private readonly Pacer _pacer = new(clock, TimeSpan.Zero);

    public void Dispose() => _pacer.Dispose();
    private volatile bool _stopped;

    public Task<SourceAnswer> FetchAsync(string doi, string? etag, string? lastModified, CancellationToken ct)
    {
        if (_stopped)
        {
            return Task.FromResult(SourceAnswer.Deferred);
        }

        return _pacer.RunAsync(async () =>
        {
            var mailto = options.Value.CrossrefMailto is { Length: > 0 } m ? "?mailto=" + Uri.EscapeDataString(m) : "";
            var url = new Uri($"{options.Value.CrossrefApi.TrimEnd('/')}/works/{Uri.EscapeDataString(doi)}{mailto}");
            var result = await fetcher.GetAsync(url, Conditional.Headers(etag, lastModified), ct);
            Obey(result);
            return result.HttpStatus switch
            {
                304 => SourceAnswer.NotModified,
                200 when result.Body is not null && CrossrefWork.Parse(result.Body) is { } work =>
                    new SourceAnswer(SourceOutcome.Fetched, work, Conditional.ETag(result), Conditional.LastModified(result)),
                429 => SourceAnswer.Deferred,
                _ => SourceAnswer.Failed,
            };
        }, ct);
    }

    private void Obey(FetchResult result)
    {
        if (result.HttpStatus == 429)
        {
            _stopped = true;
            logger.LogWarning("Crossref asked the catalog to slow down; the remaining DOIs wait for the next run");
            return;
        }

        // "x-rate-limit-limit: 50" and "x-rate-limit-interval: 1s": at most that many calls in that interval.
        if (Header(result, "x-rate-limit-limit") is { } limitText && int.TryParse(limitText, CultureInfo.InvariantCulture, out var limit) && limit > 0
            && Header(result, "x-rate-limit-interval") is { } intervalText && intervalText.EndsWith('s')
            && int.TryParse(intervalText[..^1], CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            _pacer.Gap = TimeSpan.FromSeconds((double)seconds / limit);
        }
    }

    private static string? Header(FetchResult result, string name) =>
        result.Headers is not null && result.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
