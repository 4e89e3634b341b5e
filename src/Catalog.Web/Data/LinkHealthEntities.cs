using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

/// <summary>
/// The latest health of one URL. Keyed by the normalised URL rather than the link row, so a re-import that drops and
/// re-creates links keeps every verdict, and a link that comes back finds its history.
/// </summary>
public sealed class LinkHealthRow
{
    public required string Url { get; set; }

    public required string Status { get; set; }

    public DateTimeOffset CheckedAt { get; set; }

    public int? HttpStatus { get; set; }

    public string? FinalUrl { get; set; }

    public DateTimeOffset? FirstStrikeAt { get; set; }

    public DateTimeOffset? DeadSince { get; set; }

    public string? ArchiveUrl { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>When the archive last answered for this URL (a copy or none), so it is asked once, not every run.</summary>
    public DateTimeOffset? ArchiveCheckedAt { get; set; }
}

/// <summary>One check of one URL, kept as history for /links/{id}.</summary>
public sealed class LinkCheckRow
{
    public long Id { get; set; }

    public required string Url { get; set; }

    public DateTimeOffset CheckedAt { get; set; }

    public required string Status { get; set; }

    public int? HttpStatus { get; set; }

    public string? FinalUrl { get; set; }

    public string? Reason { get; set; }

    /// <summary>Checks from an inconclusive run are kept for the record but never counted against the link.</summary>
    public bool Inconclusive { get; set; }
}

internal static class LinkHealthModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LinkHealthRow>(row =>
        {
            row.ToTable("LinkHealth");
            row.HasKey(r => r.Url);
            row.HasIndex(r => r.DeadSince);
        });
        modelBuilder.Entity<LinkCheckRow>(row =>
        {
            row.ToTable("LinkChecks");
            row.HasIndex(r => new { r.Url, r.CheckedAt });
        });
    }
}
