using System.Globalization;

namespace Catalog.Web.Web;

/// <summary>
/// The catalog's import version as this process last saw it (kept fresh by <see cref="CatalogVersionWatcher"/>):
/// ETags, output-cache keys and the layout's footer read it without a query.
/// </summary>
public sealed class CatalogVersion
{
    private volatile CatalogStamp _current = CatalogStamp.Empty;

    public CatalogStamp Current => _current;

    internal void Set(CatalogStamp stamp) => _current = stamp;
}

/// <summary>One applied import: <see cref="Version"/> and <see cref="UpdatedAt"/> of CatalogState, and the sources it holds.</summary>
public sealed record CatalogStamp(long Version, DateTimeOffset UpdatedAt, IReadOnlyList<SourceStamp> Sources)
{
    public static readonly CatalogStamp Empty = new(0, DateTimeOffset.UnixEpoch, []);

    // The build's id is part of the tag: after a deploy, pages rendered by the old code are not answered with 304.
    private static readonly string s_build = typeof(CatalogStamp).Assembly.ManifestModule.ModuleVersionId.ToString("n")[..8];

    /// <summary>Weak: the same version renders equivalent pages, byte-for-byte or not (compression, proxies).</summary>
    public string ETag => $"W/\"{Version.ToString(CultureInfo.InvariantCulture)}-{s_build}\"";

    /// <summary>HTTP dates have whole seconds; comparing truncated values keeps If-Modified-Since honest.</summary>
    public DateTimeOffset LastModified => new(UpdatedAt.UtcTicks - UpdatedAt.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}

public sealed record SourceStamp(string Name, DateTimeOffset ImportedAt);
