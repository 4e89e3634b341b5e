namespace Catalog.Web.Links;

/// <summary>One check's judgement: status, why, and where a permanent move leads.</summary>
public sealed record LinkVerdict(LinkStatus Status, int? HttpStatus, Uri FinalUrl, string? Reason)
{
    /// <summary>Turns what the door brought back into a status. A pure function: every rule lives here.</summary>
    public static LinkVerdict From(FetchResult result)
    {
        var final = result.FinalUrl;
        switch (result.Outcome)
        {
            case FetchOutcome.Unreachable:
                return new(LinkStatus.Unreachable, null, final, result.Error);
            case FetchOutcome.Timeout:
                return new(LinkStatus.Timeout, null, final, result.Error);
            case FetchOutcome.RefusedAddress:
                return new(LinkStatus.Error, null, final, "refused address: " + result.Error);
            case FetchOutcome.RefusedScheme or FetchOutcome.TooManyRedirects or FetchOutcome.RedirectLoop:
                return new(LinkStatus.Error, null, final, result.Error);
        }

        var status = result.HttpStatus!.Value;
        if (IsBotWall(result))
        {
            return new(LinkStatus.Blocked, status, final, "bot challenge");
        }

        return status switch
        {
            >= 200 and < 300 => Success(result, status),
            404 or 410 => new(LinkStatus.Broken, status, final, null),
            401 or 403 or 429 or 999 => new(LinkStatus.Blocked, status, final, null),
            _ => new(LinkStatus.Error, status, final, null),
        };
    }

    private static bool IsBotWall(FetchResult result) =>
        (result.HttpStatus == 403 && Header(result, "cf-mitigated") == "challenge")
        || (result.HttpStatus == 202 && Header(result, "x-amzn-waf-action") == "challenge");

    private static string? Header(FetchResult result, string name) =>
        result.Headers is { } headers && headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim().ToLowerInvariant() : null;

    private static LinkVerdict Success(FetchResult result, int status)
    {
        // Only a chain of permanent redirects is a move; a temporary one says the old URL stays the right one.
        var redirects = result.Hops.Where(h => h.Location is not null).ToList();
        if (redirects.Count == 0 || redirects.Any(h => h.Status is not (301 or 308)))
        {
            return new(LinkStatus.Ok, status, result.FinalUrl, null);
        }

        var final = result.FinalUrl;
        if (IsDeep(result.Url) && !IsDeep(final))
        {
            return new(LinkStatus.Broken, status, final, "soft 404: moved permanently to the site's front page");
        }

        return new(LinkStatus.Redirected, status, final, null);
    }

    private static bool IsDeep(Uri url) => url.AbsolutePath.Trim('/').Length > 0 || url.Query.Length > 1;
}
