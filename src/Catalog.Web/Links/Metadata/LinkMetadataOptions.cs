using System.ComponentModel.DataAnnotations;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// The metadata sources' keys of the "Catalog:Links" section (beside <see cref="LinkOptions"/>, whose politeness,
/// limits and address rule every metadata request obeys too). Tests point every API at a loopback fixture.
/// </summary>
public sealed class LinkMetadataOptions
{
    [Required, Url]
    public string ArxivApi { get; set; } = "https://export.arxiv.org/api/query";

    /// <summary>The gap between two arXiv API calls: arXiv asks for at most one call every three seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ArxivInterval { get; set; } = TimeSpan.FromSeconds(3);

    [Required, Url]
    public string CrossrefApi { get; set; } = "https://api.crossref.org";

    /// <summary>Sent as mailto= so Crossref can reach the operator and serve the request from its polite pool.</summary>
    public string? CrossrefMailto { get; set; }

    [Required, Url]
    public string GitHubApi { get; set; } = "https://api.github.com";

    /// <summary>Optional: without it GitHub allows sixty calls an hour, and a run fetches what the budget allows.</summary>
    public string? GitHubToken { get; set; }

    [Required, Url]
    public string YouTubeOEmbed { get; set; } = "https://www.youtube.com/oembed";
}
