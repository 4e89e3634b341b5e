using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Catalog.Web.Links;

/// <summary>
/// The catalog's one door to the outside: every outbound request (link checks, figures, the Wayback API, metadata)
/// goes through here, so politeness limits, the address rule and the byte cap cannot be forgotten by a caller.
/// </summary>
public sealed class LinkFetcher(IHttpClientFactory clients, IOptions<LinkOptions> options, ILogger<LinkFetcher> logger) : IDisposable
{
    public const string ClientName = "links";
    private const int MaxHops = 10;
    private static readonly Dictionary<string, string> s_noHeaders = [];

    private readonly LinkOptions _options = options.Value;
    private readonly SemaphoreSlim _global = new(options.Value.Concurrency);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public void Dispose()
    {
        _global.Dispose();
        foreach (var host in _hosts.Values)
        {
            host.Dispose();
        }
    }

    /// <summary>Checks a URL: HEAD where answered, GET where refused, body left unread.</summary>
    public Task<FetchResult> CheckAsync(Uri url, CancellationToken cancellationToken) =>
        FetchAsync(url, readBody: false, cancellationToken);

    /// <summary>GETs a URL and reads at most MaxBytes of its body.</summary>
    public Task<FetchResult> GetAsync(Uri url, CancellationToken cancellationToken) =>
        FetchAsync(url, readBody: true, cancellationToken);

    /// <summary>GETs a URL with request headers of its own (an API's Accept or token, If-None-Match), body capped.</summary>
    public Task<FetchResult> GetAsync(Uri url, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        FetchAsync(url, readBody: true, cancellationToken, headers);

    private async Task<FetchResult> FetchAsync(Uri url, bool readBody, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null)
    {
        var hops = new List<FetchHop>();
        var seen = new HashSet<Uri>();
        var current = url;
        await _global.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
                {
                    return Ended(url, FetchOutcome.RefusedScheme, hops, $"scheme {current.Scheme} is not fetched");
                }

                if (!seen.Add(current))
                {
                    return Ended(url, FetchOutcome.RedirectLoop, hops, $"redirect loop at {current}");
                }

                if (hops.Count >= MaxHops)
                {
                    return Ended(url, FetchOutcome.TooManyRedirects, hops, $"more than {MaxHops} redirects");
                }

                // A token meant for an API host never follows a redirect to another host.
                var hopHeaders = string.Equals(current.IdnHost, url.IdnHost, StringComparison.OrdinalIgnoreCase) ? headers : null;
                var hop = await HopAsync(url, current, readBody, hops, hopHeaders, cancellationToken);
                if (hop is not null)
                {
                    return hop;
                }

                current = hops[^1].Location!;
            }
        }
        finally
        {
            _global.Release();
        }
    }

    /// <summary>One hop: returns the result when the fetch ends here, null when it goes on to the hop's Location.</summary>
    private async Task<FetchResult?> HopAsync(Uri url, Uri current, bool readBody, List<FetchHop> hops, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var host = _hosts.GetOrAdd(current.IdnHost, _ => new SemaphoreSlim(_options.PerHostConcurrency));
        await host.WaitAsync(cancellationToken);
        try
        {
            var method = readBody ? HttpMethod.Get : HttpMethod.Head;
            HttpResponseMessage response;
            try
            {
                response = await SendAsync(method, current, headers, cancellationToken);
                if (method == HttpMethod.Head && response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.Forbidden or HttpStatusCode.NotImplemented)
                {
                    hops.Add(new FetchHop(current, "HEAD", (int)response.StatusCode, null));
                    response.Dispose();
                    method = HttpMethod.Get;
                    response = await SendAsync(method, current, headers, cancellationToken);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                hops.Add(new FetchHop(current, method.Method, null, null));
                return Failed(url, hops, e);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    hops.Add(new FetchHop(current, method.Method, status, new Uri(current, location)));
                    return null;
                }

                hops.Add(new FetchHop(current, method.Method, status, null));
                byte[]? body = null;
                var truncated = false;
                if (readBody)
                {
                    try
                    {
                        // The resilience pipeline's timeout ends with the headers; the body gets a limit of its own.
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        timeout.CancelAfter(_options.Timeout);
                        (body, truncated) = await ReadCappedAsync(response.Content, timeout.Token);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        return Failed(url, hops, e);
                    }
                }

                return new FetchResult(url, FetchOutcome.Answered, hops, status, response.Headers,
                    response.Content.Headers.ContentType?.MediaType, body, truncated, null)
                {
                    ContentHeaders = response.Content.Headers,
                };
            }
        }
        finally
        {
            host.Release();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers ?? s_noHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var client = clients.CreateClient(ClientName);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task<(byte[] Body, bool Truncated)> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var cap = _options.MaxBytes;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (buffer.Length < cap)
        {
            var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, cap - buffer.Length)), cancellationToken);
            if (read == 0)
            {
                return (buffer.ToArray(), false);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), true);
    }

    private FetchResult Failed(Uri url, List<FetchHop> hops, Exception e)
    {
        var outcome = Classify(e);
        logger.LogDebug(e, "Fetch of {Url} ended as {Outcome}", url, outcome);
        return Ended(url, outcome, hops, e.GetBaseException().Message);
    }

    private static FetchOutcome Classify(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is RefusedAddressException)
            {
                return FetchOutcome.RefusedAddress;
            }
        }

        return e switch
        {
            TimeoutRejectedException or OperationCanceledException => FetchOutcome.Timeout,
            _ => FetchOutcome.Unreachable,
        };
    }

    private static FetchResult Ended(Uri url, FetchOutcome outcome, List<FetchHop> hops, string error) =>
        new(url, outcome, hops, null, null, null, null, false, error);
}
