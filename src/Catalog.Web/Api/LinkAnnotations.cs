using System.Collections.Concurrent;
using Catalog.Web.Data;
using Catalog.Web.Links;

namespace Catalog.Web.Api;

/// <summary>What the search API shows of a link beside its card: its health and its fetched metadata (null until fetched).</summary>
public sealed record LinkAnnotation(LinkHealthView Health, LinkMetaItem? Meta);

/// <summary>
/// The health and metadata of the links that search answers show, remembered per catalog version. A link check and a
/// metadata save each bump the version (Links/LinkChecker.cs, Links/Metadata/LinkMetadataStore.cs), so an entry is
/// good for as long as its version is current. Reading them was two statements of every search answer and a quarter
/// of its CPU at the 200x catalog, although the best-ranked links come back page after page.
/// </summary>
/// <remarks>
/// The caller names the version it answers for, read before its first query: every row read after that is of that
/// version or newer, and newer is never wrong to show. At most <see cref="SizeLimitBytes"/> are kept (about 15,000 links
/// before any is checked or fetched, a thousand or two with abstracts); when full the whole set starts again, which
/// keeps whatever is asked often without bookkeeping per link.
/// </remarks>
public sealed class LinkAnnotations
{
    /// <summary>What the remembered links may take, estimated from their text (<see cref="SizeOf"/>).</summary>
    public const long SizeLimitBytes = 4L * 1024 * 1024;

    // A dictionary entry, the annotation and its two objects, beside the text.
    private const int EntryBytes = 256;

    private volatile Remembered _remembered = new(long.MinValue);

    /// <summary>The annotation of each of <paramref name="urls"/>, those not remembered for <paramref name="version"/> read in one query each for health and metadata.</summary>
    public async Task<IReadOnlyDictionary<string, LinkAnnotation>> ForUrlsAsync(
        long version, IReadOnlyCollection<string> urls, CatalogDbContext db, CancellationToken ct)
    {
        var remembered = _remembered;
        if (remembered.Version != version)
        {
            // A request still answering for an older version reads for itself and keeps nothing.
            remembered = new Remembered(version);
            if (version > _remembered.Version)
            {
                _remembered = remembered;
            }
        }

        var found = new Dictionary<string, LinkAnnotation>(urls.Count, StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var url in urls)
        {
            if (remembered.Links.TryGetValue(url, out var known))
            {
                found[url] = known;
            }
            else if (!found.ContainsKey(url))
            {
                (missing ??= []).Add(url);
            }
        }

        if (missing is null)
        {
            return found;
        }

        var health = await db.ForUrlsAsync(missing, ct);
        var metas = await LinkMetaItem.ForUrlsAsync(missing, db, ct);
        foreach (var url in missing)
        {
            var annotation = new LinkAnnotation(health.HealthOf(url), metas.GetValueOrDefault(url));
            found[url] = annotation;
            Remember(remembered, url, annotation);
        }

        return found;
    }

    /// <summary>The estimated bytes one remembered link takes: its strings (two bytes a character) and the objects around them.</summary>
    public static long SizeOf(string url, LinkAnnotation annotation)
    {
        var (health, meta) = (annotation.Health, annotation.Meta);
        long characters = url.Length + (health.Status?.Length ?? 0) + (health.FinalUrl?.Length ?? 0) + (health.ArchiveUrl?.Length ?? 0);
        if (meta is not null)
        {
            characters += (meta.Title?.Length ?? 0) + (meta.Venue?.Length ?? 0) + (meta.Abstract?.Length ?? 0) + (meta.Source?.Length ?? 0)
                + (meta.CanonicalId?.Length ?? 0) + meta.Authors.Sum(a => a.Length + 16);
        }

        return EntryBytes + 2 * characters;
    }

    private void Remember(Remembered remembered, string url, LinkAnnotation annotation)
    {
        if (Interlocked.Add(ref remembered.Bytes, SizeOf(url, annotation)) > SizeLimitBytes)
        {
            // Full: the next request starts a new set for the same version (a race only loses a few entries).
            if (_remembered == remembered)
            {
                _remembered = new Remembered(remembered.Version);
            }

            return;
        }

        remembered.Links.TryAdd(url, annotation);
    }

    private sealed class Remembered(long version)
    {
        public readonly ConcurrentDictionary<string, LinkAnnotation> Links = new(StringComparer.Ordinal);

        public long Bytes;

        public long Version => version;
    }
}
