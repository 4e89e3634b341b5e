using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

/// <summary>
/// A file previewed on the admin import page and not applied yet (Admin/PendingImports.cs), kept in the database so
/// that any instance can apply what another previewed. Named by the random token the preview form carries.
/// </summary>
public sealed class PendingImportRow
{
    /// <summary>Random, in lowercase hex: the form carries it, the service accepts no other shape.</summary>
    public required string Token { get; set; }

    public required string Name { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>The content's length, so the caps are enforced without reading the content.</summary>
    public long Size { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The admin who previewed it, when known.</summary>
    public string? User { get; set; }
}

internal static class PendingImportModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<PendingImportRow>(row =>
    {
        row.ToTable("PendingImports");
        row.HasKey(r => r.Token);
        row.Property(r => r.Token).HasMaxLength(32);
        row.HasIndex(r => r.CreatedAt);
    });
}
