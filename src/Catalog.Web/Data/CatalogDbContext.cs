using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

/// <summary>
/// The catalog's one model, on SQLite (whose migrations, Data/Sqlite/Migrations, belong to this type) and on PostgreSQL
/// (<see cref="PostgreSql.PostgreSqlCatalogDbContext"/>, the same model with its own migrations).
/// </summary>
public class CatalogDbContext : DbContext, IDataProtectionKeyContext
{
    public CatalogDbContext(DbContextOptions<CatalogDbContext> options)
        : base(options)
    {
    }

    /// <summary>
    /// Set for a request whose read snapshot begins at its first query (Operations/ReadSnapshots.cs): the next
    /// <see cref="DataExtensions.OpenConnectionAsync"/> begins it. Pooled contexts are reused, so the middleware clears it.
    /// </summary>
    internal bool SnapshotAtFirstQuery { get; set; }

    /// <summary>For the provider types that derive from this one, each with its own options type.</summary>
    protected CatalogDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<Link> Links => Set<Link>();

    public DbSet<Mention> Mentions => Set<Mention>();

    public DbSet<Quote> Quotes => Set<Quote>();

    public DbSet<Image> Images => Set<Image>();

    public DbSet<SlugRedirect> SlugRedirects => Set<SlugRedirect>();

    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    public DbSet<SeedBlob> SeedBlobs => Set<SeedBlob>();

    public DbSet<CatalogState> CatalogState => Set<CatalogState>();

    public DbSet<LinkHealthRow> LinkHealth => Set<LinkHealthRow>();

    public DbSet<LinkCheckRow> LinkChecks => Set<LinkCheckRow>();

    public DbSet<LinkCheckStateRow> LinkCheckState => Set<LinkCheckStateRow>();

    public DbSet<StoredFigure> StoredFigures => Set<StoredFigure>();

    public DbSet<FigureBlob> FigureBlobs => Set<FigureBlob>();

    public DbSet<AdminSession> AdminSessions => Set<AdminSession>();

    public DbSet<SearchEmbeddingRow> SearchEmbeddings => Set<SearchEmbeddingRow>();
    public DbSet<LinkMetadataRow> LinkMetadata => Set<LinkMetadataRow>();

    public DbSet<LeaseRow> Leases => Set<LeaseRow>();

    public DbSet<SignInFailureRow> SignInFailures => Set<SignInFailureRow>();

    /// <summary>Admin import previews waiting to be applied, shared by every instance (Admin/PendingImports.cs).</summary>
    public DbSet<PendingImportRow> PendingImports => Set<PendingImportRow>();

    /// <summary>The Data Protection key ring (Admin/AdminExtensions.cs): every instance on this database shares it.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        LinkHealthModel.Configure(modelBuilder);
        LinkMetadataModel.Configure(modelBuilder);
        FigureModel.Configure(modelBuilder);
        InstanceModel.Configure(modelBuilder);
        PendingImportModel.Configure(modelBuilder);
        modelBuilder.Entity<Source>().HasIndex(s => s.Name).IsUnique();

        modelBuilder.Entity<Topic>(topic =>
        {
            topic.HasIndex(t => t.Slug).IsUnique();
            topic.HasIndex(t => new { t.SourceId, t.Position });
            topic.HasIndex(t => t.ParentId);
            topic.HasOne(t => t.Parent).WithMany().OnDelete(DeleteBehavior.Restrict);
            topic.HasOne(t => t.Source).WithMany(s => s.Topics).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Link>(link =>
        {
            link.HasIndex(l => l.Url).IsUnique();
            link.HasIndex(l => l.Host);
            link.HasIndex(l => l.Kind);
        });

        modelBuilder.Entity<Mention>(mention =>
        {
            mention.HasIndex(m => new { m.TopicId, m.Position });
            mention.HasIndex(m => new { m.LinkId, m.TopicId });
            mention.Property(m => m.Place).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<Quote>().HasIndex(q => new { q.TopicId, q.Position });
        modelBuilder.Entity<Image>().HasIndex(i => new { i.TopicId, i.Position });
        modelBuilder.Entity<SlugRedirect>().HasKey(r => r.Slug);
        modelBuilder.Entity<SeedBlob>().HasKey(b => b.Sha256);
        modelBuilder.Entity<AdminSession>().HasKey(s => s.Id);
        modelBuilder.Entity<SearchEmbeddingRow>().ToTable("SearchEmbeddings").HasKey(e => e.TextHash);

        modelBuilder.Entity<ImportRun>(run =>
        {
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            run.HasIndex(r => r.StartedAt);
        });

        // SQLite has no date type. A DateTimeOffset is stored as ISO 8601 text with its offset
        // ("2026-12-04 04:56:52.1283924+00:00", as Microsoft.Data.Sqlite binds a DateTimeOffset parameter too): such
        // text sorts and compares in time order only while every value has the same offset, so every writer stores UTC (TimeProvider.GetUtcNow).
        // PostgreSQL keeps its own timestamptz: the one place the model differs between the providers.
        if (Database.IsSqlite())
        {
            foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                         .Where(p => p.ClrType == typeof(DateTimeOffset)))
            {
                property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToStringConverter());
            }
        }
    }
}
