using System.Text.Json.Serialization;
using Catalog.Web.Links.Metadata;

namespace Catalog.Web.Api;

/// <summary>
/// A link object's "meta" in the API: what was fetched about it, null until something was.
/// <c>canonicalId</c> is "arXiv:1806.07572" or "doi:10.1234/..." (lower-case, no version).
/// </summary>
public sealed record LinkMetaItem(
    string? Title,
    IReadOnlyList<string> Authors,
    int? Year,
    string? Venue,
    string? Abstract,
    string? Source,
    DateTimeOffset? FetchedAt,
    string? CanonicalId)
{
    public static LinkMetaItem? From(LinkMeta? meta) => meta is null || meta.FetchedAt is null
        ? null
        : new(meta.Title, meta.Authors, meta.Year, meta.Venue, meta.Abstract, meta.Source, meta.FetchedAt, meta.CanonicalId);

    /// <summary>The items with their metadata attached, read in one query.</summary>
    public static async Task<List<T>> AttachAsync<T>(IReadOnlyList<T> items, Func<T, string> url, Func<T, LinkMetaItem?, T> attach, LinkMetaReader reader, CancellationToken ct)
    {
        var metas = await reader.ForUrlsAsync(items.Select(url), ct);
        return items.Select(item => attach(item, From(metas.GetValueOrDefault(url(item))))).ToList();
    }
}

public static partial class TopicsApi
{
    public sealed partial record LinkItem
    {
        [JsonPropertyOrder(1)] // after the positional fields, which come first by default
        public LinkMetaItem? Meta { get; init; }
    }
}

public static partial class SearchApi
{
    public sealed partial record ResultItem
    {
        [JsonPropertyOrder(1)] // after the positional fields, which come first by default
        public LinkMetaItem? Meta { get; init; }

        /// <summary>The other URLs of the same work (one arXiv id or DOI): search lists a work once.</summary>
        [JsonPropertyOrder(1)]
        public IReadOnlyList<string> AlsoAt { get; init; } = [];
    }
}
