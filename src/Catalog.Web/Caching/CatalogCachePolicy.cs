using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Catalog.Web.Caching;

/// <summary>
/// Anonymous GET and HEAD 200 responses are kept in memory per URL (query included) and per catalog data version, so
/// a read-mostly catalog renders each page once per change instead of once per request. Any request with a cookie or
/// an Authorization header (the admin, anyone who posted a form) bypasses the cache both ways, whatever the order of
/// the authentication middleware; responses that set a cookie are never stored.
/// </summary>
public sealed class CatalogCachePolicy(CatalogDataVersion version) : IOutputCachePolicy
{
    public const string VersionKey = "catalog-data-version";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Headers.ContainsKey(HeaderNames.Cookie);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        if (cacheable)
        {
            context.CacheVaryByRules.VaryByValues[VersionKey] = version.Current();
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
