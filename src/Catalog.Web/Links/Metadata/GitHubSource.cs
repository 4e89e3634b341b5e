using System.Globalization;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Asks GitHub's REST API about repositories, with the token when one is configured. When X-RateLimit-Remaining
/// reaches zero the run stops asking (the rest are deferred to a run after X-RateLimit-Reset); 304 answers to
/// conditional requests do not count against the budget.
/// </summary>
public sealed class GitHubSource(LinkFetcher fetcher, IOptions<LinkMetadataOptions> options, ILogger<GitHubSource> logger)
{
    private volatile bool _spent;

    public async Task<SourceAnswer> FetchAsync(string owner, string repo, string? etag, string? lastModified, CancellationToken ct)
    {
        if (_spent)
        {
            return SourceAnswer.Deferred;
        }

        var headers = Conditional.Headers(etag, lastModified);
        headers["Accept"] = "application/vnd.github+json";
        headers["X-GitHub-Api-Version"] = "2022-11-28";
        if (options.Value.GitHubToken is { Length: > 0 } token)
        {
            headers["Authorization"] = "Bearer " + token;
        }

        var url = new Uri($"{options.Value.GitHubApi.TrimEnd('/')}/repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repo)}");
        var result = await fetcher.GetAsync(url, headers, ct);
        var remaining = Header(result, "X-RateLimit-Remaining");
        if (remaining == "0" || (result.HttpStatus is 403 or 429 && remaining is not null))
        {
            if (!_spent)
            {
                _spent = true;
                logger.LogInformation("GitHub's rate limit is spent until {Reset}; the remaining repositories wait for the next run", ResetTime(result));
            }

            if (result.HttpStatus is 403 or 429)
            {
                return SourceAnswer.Deferred;
            }
        }

        return result.HttpStatus switch
        {
            304 => SourceAnswer.NotModified,
            200 when result.Body is not null && GitHubRepo.Parse(result.Body) is { } found =>
                new SourceAnswer(SourceOutcome.Fetched, found, Conditional.ETag(result), Conditional.LastModified(result)),
            _ => SourceAnswer.Failed,
        };
    }

    private static DateTimeOffset? ResetTime(FetchResult result) =>
        long.TryParse(Header(result, "X-RateLimit-Reset"), CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static string? Header(FetchResult result, string name) =>
        result.Headers is not null && result.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
