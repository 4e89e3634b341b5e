using Microsoft.Extensions.Options;

namespace Catalog.Web.Links.Metadata;

/// <summary>Asks YouTube's oEmbed endpoint about a video or playlist URL.</summary>
public sealed class OEmbedSource(LinkFetcher fetcher, IOptions<LinkMetadataOptions> options)
{
    public async Task<SourceAnswer> FetchAsync(string url, CancellationToken ct)
    {
        var endpoint = new Uri($"{options.Value.YouTubeOEmbed}?format=json&url={Uri.EscapeDataString(url)}");
        var result = await fetcher.GetAsync(endpoint, ct);
        return result.HttpStatus == 200 && result.Body is not null && OEmbed.Parse(result.Body) is { } found
            ? new SourceAnswer(SourceOutcome.Fetched, found)
            : SourceAnswer.Failed;
    }
}
