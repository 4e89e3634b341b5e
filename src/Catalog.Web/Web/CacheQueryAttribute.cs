namespace Catalog.Web.Web;

/// <summary>
/// The query parameters an endpoint reads (their first values): the output cache keys its answers by these alone
/// (<see cref="CatalogCachePolicy"/>). Put it on a page model, or on a minimal-API endpoint with WithMetadata.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CacheQueryAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>
    /// Most URLs of this endpoint are asked once (searches): an answer is stored only when its URL comes again soon
    /// (<see cref="LongTailFilter"/>), so a stream of distinct queries does not push the pages out of the cache.
    /// </summary>
    public bool LongTail { get; init; }
}
