using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Catalog.Web.Web;

/// <summary>
/// The one rule for what the output cache stores: a handler's own 200 to an anonymous GET or HEAD, keyed by path,
/// catalog version and the query parameters the endpoint reads (<see cref="CacheQueryAttribute"/>).
/// </summary>
/// <remarks>
/// Written out rather than built from OutputCachePolicyBuilder: a builder predicate on the endpoint is evaluated again
/// when the response starts, and a status page re-executed for a 404 has another endpoint, so the builder's "only 200"
/// check was skipped and the 404 was stored under the page's key.
/// </remarks>
internal sealed class CatalogCachePolicy(bool pagesOnly) : IOutputCachePolicy
{
    private static readonly TimeSpan s_expiry = TimeSpan.FromHours(12);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();
        if (pagesOnly && endpoint?.Metadata.GetMetadata<CatalogPageAttribute>() is null)
        {
            return ValueTask.CompletedTask;
        }

        var request = http.Request;
        // A request that carries a cookie or credentials may be personal (an admin, a posted form): it is never
        // answered from the cache nor stored, whatever the order of the authentication middleware.
        var anonymousRead = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Cookie)
            && !request.Headers.ContainsKey(HeaderNames.Authorization);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = anonymousRead;
        context.AllowCacheStorage = anonymousRead;
        context.AllowLocking = true;
        context.Tags.Add(CatalogCache.Tag);
        context.ResponseExpirationTimeSpan = s_expiry;
        var vary = context.CacheVaryByRules;
        vary.VaryByValues["catalog-version"] = http.RequestServices.GetRequiredService<CatalogVersion>().Current.Version.ToString(CultureInfo.InvariantCulture);

        var reads = endpoint?.Metadata.GetMetadata<CacheQueryAttribute>();
        if (reads is null)
        {
            // An endpoint that does not say what it reads is keyed by the whole query, as the framework does.
            vary.QueryKeys = "*";
            return ValueTask.CompletedTask;
        }

        // Only what the endpoint reads, and as it reads it (the first value): unknown parameters and repeated ones
        // neither split the cache nor let one URL be stored under another's answer.
        foreach (var name in reads.Names)
        {
            vary.VaryByValues["query:" + name] = request.Query.TryGetValue(name, out var values) ? "=" + values.FirstOrDefault() : "";
        }

        if (reads.LongTail && context.AllowCacheStorage)
        {
            context.AllowCacheStorage = http.RequestServices.GetRequiredService<LongTailFilter>().SeenBefore(request.Path, vary.VaryByValues);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var ownAnswer = http.Response.StatusCode == StatusCodes.Status200OK
            && !http.Response.Headers.ContainsKey(HeaderNames.SetCookie)
            && http.Features.Get<IStatusCodeReExecuteFeature>() is null
            && http.Features.Get<IExceptionHandlerFeature>() is null;
        if (!ownAnswer)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
