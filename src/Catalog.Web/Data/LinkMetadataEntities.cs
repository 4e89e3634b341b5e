using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

/// <summary>
/// What the catalog learned about one URL from outside (arXiv, Crossref, GitHub, oEmbed, the page itself). Keyed by the
/// normalised URL like <see cref="LinkHealthRow"/>, so a re-import keeps it; every value is clean, capped text.
/// </summary>
public sealed class LinkMetadataRow
{
    public required string Url { get; set; }

    /// <summary>"arXiv:1806.07572" or "doi:10.1234/abc": links to the same work share it.</summary>
    public string? CanonicalId { get; set; }

    /// <summary>The source of the title (arxiv, crossref, github, oembed, html, pdf): the record's main source.</summary>
    public string? Source { get; set; }

    /// <summary>The kind the metadata shows (paper, code, video...), when it shows one.</summary>
    public string? Kind { get; set; }

    public string? Title { get; set; }

    /// <summary>A JSON array of names, in order.</summary>
    public string Authors { get; set; } = "[]";

    public int? Year { get; set; }

    /// <summary>The first-version or publication date, ISO yyyy-MM-dd (or shorter when only a year or month is known).</summary>
    public string? Published { get; set; }

    public string? Venue { get; set; }

    /// <summary>An abstract, or a repository's or page's description.</summary>
    public string? Abstract { get; set; }

    public string? Doi { get; set; }

    public string? ArxivId { get; set; }

    public string? PrimaryClass { get; set; }

    public string? PdfUrl { get; set; }

    public string? ContentType { get; set; }

    public long? ContentLength { get; set; }

    public int? Stars { get; set; }

    public string? Language { get; set; }

    public bool? Archived { get; set; }

    public string? License { get; set; }

    public string? PushedAt { get; set; }

    /// <summary>A JSON object: field name to {"source","fetchedAt"}, so /links/{id} can say where each value came from.</summary>
    public string FieldSources { get; set; } = "{}";

    /// <summary>The last time any source answered (200 or 304).</summary>
    public DateTimeOffset? FetchedAt { get; set; }

    /// <summary>The last attempt, answered or not: a run resumes with the links tried least recently.</summary>
    public DateTimeOffset AttemptedAt { get; set; }

    public string? ETag { get; set; }

    public string? LastModified { get; set; }
}

internal static class LinkMetadataModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LinkMetadataRow>(row =>
        {
            row.ToTable("LinkMetadata");
            row.HasKey(r => r.Url);
            row.HasIndex(r => r.CanonicalId);
        });
    }
}
