using Microsoft.Net.Http.Headers;

namespace Catalog.Web.Web;

/// <summary>HTTP validators (RFC 9110 section 13) derived from the catalog version.</summary>
/// <remarks>
/// Hand-written because ASP.NET Core has no validators for dynamic pages: its output cache answers a conditional
/// request only from an entry it holds, with that stored response's ETag, so a request it may not answer (one with a
/// cookie) or an entry it has evicted would render the whole page to find it unchanged. The catalog version is known
/// before any query, so <see cref="CatalogPageAttribute"/> answers 304 without rendering, cache or no cache.
/// </remarks>
public static class ConditionalGet
{
    public static void SetValidators(HttpResponse response, CatalogStamp stamp)
    {
        var headers = response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(stamp.ETag);
        headers.LastModified = stamp.LastModified;
        // Browsers keep the page but ask again each time: an import shows at once, an unchanged page costs a 304.
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
    }

    public static bool IsNotModified(HttpRequest request, CatalogStamp stamp)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch.Count > 0)
        {
            var current = EntityTagHeaderValue.Parse(stamp.ETag);
            return headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
        }

        // If-Modified-Since counts only without If-None-Match, and only once the catalog has a version.
        return stamp.Version > 0 && headers.IfModifiedSince is { } since && stamp.LastModified <= since;
    }
}
