namespace Catalog.Web.Links.Metadata;

/// <summary>What asking one source about one URL came to.</summary>
public sealed record SourceAnswer(SourceOutcome Outcome, FetchedMetadata? Metadata = null, string? ETag = null, string? LastModified = null)
{
    public static readonly SourceAnswer Failed = new(SourceOutcome.Failed);
    public static readonly SourceAnswer Deferred = new(SourceOutcome.Deferred);
    public static readonly SourceAnswer NotModified = new(SourceOutcome.NotModified);
}

public enum SourceOutcome
{
    /// <summary>The source answered with metadata.</summary>
    Fetched,

    /// <summary>The source said (304) that nothing changed since the stored ETag or date.</summary>
    NotModified,

    /// <summary>No answer, an error, or an answer without metadata.</summary>
    Failed,

    /// <summary>Not asked: the source's budget for now is spent; the next run asks.</summary>
    Deferred,
}

/// <summary>Conditional-request headers from what was stored, so an unchanged page costs a 304.</summary>
public static class Conditional
{
    public static Dictionary<string, string> Headers(string? etag, string? lastModified)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (etag is not null)
        {
            headers["If-None-Match"] = etag;
        }

        if (lastModified is not null)
        {
            headers["If-Modified-Since"] = lastModified;
        }

        return headers;
    }

    public static string? ETag(FetchResult result) => result.Headers?.ETag?.ToString();

    public static string? LastModified(FetchResult result) =>
        result.ContentHeaders?.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
