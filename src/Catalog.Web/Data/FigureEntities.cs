using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

/// <summary>A seed figure kept by the catalog: its original URL (the source) and the content it was fetched as.</summary>
public sealed class StoredFigure
{
    /// <summary>The figure's URL as the seed writes it; kept so the page can credit where it came from.</summary>
    public required string Src { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset FetchedAt { get; set; }
}

/// <summary>Figure bytes by content hash: two URLs of the same image are stored once.</summary>
public sealed class FigureBlob
{
    public required string Sha256 { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }
}

internal static class FigureModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredFigure>(row =>
        {
            row.ToTable("StoredFigures");
            row.HasKey(r => r.Src);
            row.HasIndex(r => r.Sha256);
        });
        modelBuilder.Entity<FigureBlob>(row =>
        {
            row.ToTable("FigureBlobs");
            row.HasKey(r => r.Sha256);
        });
    }
}
