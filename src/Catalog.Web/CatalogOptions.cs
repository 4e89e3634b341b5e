using System.ComponentModel.DataAnnotations;

namespace Catalog.Web;

/// <summary>The "Catalog" configuration section.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Folder whose *.md files are imported on first start (and watched when <see cref="WatchSeeds"/>).</summary>
    [Required]
    public string SeedsPath { get; set; } = "";

    /// <summary>The largest seed file any import accepts (CLI, watch, admin).</summary>
    [Range(1, 1L << 30)]
    public long MaxSeedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The largest file the admin upload form accepts.</summary>
    [Range(1, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Import the seeds folder when the catalog is empty at start-up.</summary>
    public bool ImportSeedsOnStart { get; set; } = true;

    /// <summary>Re-import a seed file automatically when it changes on disk.</summary>
    public bool WatchSeeds { get; set; }

    /// <summary>
    /// How long the instance that watches the seeds (one per catalog, Admin/SeedWatcher.cs) keeps the watch without
    /// renewing it; the others try to take it over a third as often, so one that dies is replaced within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SeedWatchLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>PBKDF2 hash (ASP.NET Core PasswordHasher format) of the admin password; made by the hash-password verb.</summary>
    public string? AdminPasswordHash { get; set; }

    /// <summary>Plain admin password, for development only.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Headings one seed file may have; a file with more is refused before it is parsed (Import/ParseLimits.cs).</summary>
    [Range(1, 1_000_000)]
    public int MaxHeadings { get; set; } = 10_000;

    /// <summary>Topics the whole catalog may hold, all sources together; an import that would pass it is refused.</summary>
    [Range(1, 10_000_000)]
    public int MaxTopics { get; set; } = 50_000;

    /// <summary>How deeply HTML inside a seed (inline tags, HTML blocks, a topic's intro) may nest.</summary>
    [Range(1, 10_000)]
    public int MaxHtmlNesting { get; set; } = 100;

    /// <summary>Link destinations (<c>](</c>) left open at once in one run of text without spaces.</summary>
    [Range(1, 10_000)]
    public int MaxPendingLinkOpeners { get; set; } = 32;

    /// <summary>Table cells (<c>|</c> characters) one seed file may have.</summary>
    [Range(1, 100_000_000)]
    public int MaxTableCells { get; set; } = 100_000;

    /// <summary>How long one import (parse, diff and write) may run before it is stopped and rolled back.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxImportTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an import that writes waits for another one to finish before it answers "another import is running".</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ImportLockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 5;

    /// <summary>Sign-in attempts allowed per minute from all clients together.</summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerMinuteAllClients { get; set; } = 30;

    /// <summary>Failed admin sign-ins in a row after which sign-in closes for a while (Admin/AdminLockout.cs).</summary>
    [Range(1, 100_000)]
    public int AdminLockoutAfterFailures { get; set; } = 10;

    /// <summary>How long an admin session lasts at most after sign-in, however active (sliding expiry renews it up to this).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AdminSessionMax { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The most thread-pool worker threads the server runs requests on: unset, one per core; 0 leaves .NET's own limit.
    /// A search's work is CPU in this process (ranking, snippets, the embedding model) and every wait is asynchronous,
    /// so threads past the core count only take turns on the same cores, each search's work cut into time slices
    /// (tests/Catalog.Benchmarks/README.md, "One worker thread a core"). Applied only when the app is its own process.
    /// </summary>
    [Range(0, 32_767)]
    public int? WorkerThreads { get; set; }

    /// <summary>
    /// The site's public address (<c>https://catalog.example.org</c>), for the few answers that need an absolute URL;
    /// without it they are built from the request, whose Host header only AllowedHosts vouches for.
    /// </summary>
    [Url]
    public string? PublicUrl { get; set; }
}
