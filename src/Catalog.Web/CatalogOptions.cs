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

    /// <summary>PBKDF2 hash (ASP.NET Core PasswordHasher format) of the admin password; made by the hash-password verb.</summary>
    public string? AdminPasswordHash { get; set; }

    /// <summary>Plain admin password, for development only.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 5;
}
