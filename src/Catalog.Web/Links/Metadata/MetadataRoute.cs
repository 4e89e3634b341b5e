using System.Text.RegularExpressions;
using Catalog.Web.Export.Citations;

namespace Catalog.Web.Links.Metadata;

/// <summary>Which source answers for a URL: arXiv, Crossref, GitHub's API, YouTube's oEmbed, or the page itself.</summary>
public abstract partial record MetadataRoute
{
    public sealed record Arxiv(string Id) : MetadataRoute;

    public sealed record Doi(string Value) : MetadataRoute;

    public sealed record GitHub(string Owner, string Repo) : MetadataRoute;

    public sealed record YouTube : MetadataRoute;

    public sealed record Page : MetadataRoute;

    public static MetadataRoute For(string url)
    {
        if (ArxivId.FromUrl(url) is { } arxiv)
        {
            return new Arxiv(arxiv.Id);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new Page();
        }

        var host = uri.Host.ToLowerInvariant();
        if (host is "doi.org" or "dx.doi.org" or "www.doi.org" && CanonicalId.DoiFromUrl(url) is { } doi)
        {
            return new Doi(doi);
        }

        if (host is "github.com" or "www.github.com" && RepoPath().Match(uri.AbsolutePath) is { Success: true } repo
            && !s_notOwners.Contains(repo.Groups["owner"].Value))
        {
            return new GitHub(repo.Groups["owner"].Value, repo.Groups["repo"].Value);
        }

        if (IsYouTubeVideo(host, uri))
        {
            return new YouTube();
        }

        // A publisher page whose path holds a DOI: Crossref knows the work better than the page's tags.
        return CanonicalId.DoiFromUrl(url) is { } inPath ? new Doi(inPath) : new Page();
    }

    private static bool IsYouTubeVideo(string host, Uri uri) => host switch
    {
        "youtu.be" => uri.AbsolutePath.Length > 1,
        "youtube.com" or "www.youtube.com" or "m.youtube.com" =>
            uri.AbsolutePath is "/watch" or "/playlist" || uri.AbsolutePath.StartsWith("/shorts/", StringComparison.Ordinal)
            || uri.AbsolutePath.StartsWith("/embed/", StringComparison.Ordinal),
        _ => false,
    };

    // Top-level GitHub paths that are not owners: their two-segment URLs are pages, not repositories.
    private static readonly HashSet<string> s_notOwners = new(StringComparer.OrdinalIgnoreCase)
    {
        "orgs", "topics", "sponsors", "features", "collections", "marketplace", "settings", "about", "apps", "search", "users", "enterprise", "events",
    };

    [GeneratedRegex(@"^/(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<repo>[A-Za-z0-9._-]{1,100}?)(?:\.git)?/?$")]
    private static partial Regex RepoPath();
}
