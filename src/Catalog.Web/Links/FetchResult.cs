using System.Net.Http.Headers;

namespace Catalog.Web.Links;

/// <summary>How a fetch ended, before anyone judges what it means for a link.</summary>
public enum FetchOutcome
{
    Answered,
    Unreachable,
    Timeout,
    RefusedAddress,
    RefusedScheme,
    TooManyRedirects,
    RedirectLoop,
}

/// <summary>One request on the way to the final answer.</summary>
public sealed record FetchHop(Uri Url, string Method, int? Status, Uri? Location);

/// <summary>What the door brought back: every hop, the last answer's headers and, when asked for, a capped body.</summary>
public sealed record FetchResult(
    Uri Url,
    FetchOutcome Outcome,
    IReadOnlyList<FetchHop> Hops,
    int? HttpStatus,
    HttpResponseHeaders? Headers,
    string? ContentType,
    byte[]? Body,
    bool Truncated,
    string? Error)
{
    /// <summary>The last answer's content headers (charset, Last-Modified, Content-Length); null when nothing answered.</summary>
    public HttpContentHeaders? ContentHeaders { get; init; }

    public Uri FinalUrl => Hops.Count == 0 ? Url : Hops[^1].Location ?? Hops[^1].Url;
}
