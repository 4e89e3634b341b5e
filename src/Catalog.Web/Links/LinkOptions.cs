using System.ComponentModel.DataAnnotations;

namespace Catalog.Web.Links;

/// <summary>The "Catalog:Links" configuration section: how the catalog fetches anything from outside.</summary>
public sealed class LinkOptions
{
    public const string Section = "Catalog:Links";

    /// <summary>The product token sent as User-Agent; the contact URL is appended so a site owner can reach the curator.</summary>
    [Required]
    public string UserAgent { get; set; } = "CatalogLinkChecker/1.0";

    /// <summary>Where a site owner reads who is fetching and how to ask us to stop.</summary>
    [Required, Url]
    public string ContactUrl { get; set; } = "https://github.com/catalog/catalog";

    /// <summary>Fetches in flight across all hosts.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    /// <summary>Fetches in flight against one host, so no site sees the catalog as a crawler storm.</summary>
    [Range(1, 64)]
    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>One attempt's limit, headers and body together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bytes read from any one body; the rest is never read.</summary>
    [Range(1, 1L << 30)]
    public long MaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Time between scheduled runs in the server; zero turns the schedule off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A link is dead only after failing twice at least this far apart.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Lifts the address rule: for tests on loopback and for intranets only.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The Wayback Machine availability API.</summary>
    [Required, Url]
    public string WaybackApi { get; set; } = "https://archive.org/wayback/available";

    public string UserAgentHeader => $"{UserAgent} (+{ContactUrl})";
}
