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

/// <summary>
/// The one row that says how far the current check run got and how the last one ended. Who runs it is the "links"
/// lease (Data/Leases.cs), rather than SQLite's write lock: a run lasts minutes and must not hold imports off meanwhile.
/// </summary>
public sealed class LinkCheckStateRow
{
    public int Id { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public int Done { get; set; }

    public int Total { get; set; }

    public DateTimeOffset? LastFinishedAt { get; set; }

    /// <summary>The last run's counts, as `links check --json` prints them.</summary>
    public string? LastSummaryJson { get; set; }
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
        modelBuilder.Entity<LinkCheckStateRow>(row =>
        {
            row.ToTable("LinkCheckState");
            row.Property(r => r.Id).ValueGeneratedNever();
            row.HasData(new LinkCheckStateRow { Id = 1 });
        });
    }
}
