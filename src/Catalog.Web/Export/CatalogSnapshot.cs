using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Export;

/// <summary>
/// The whole catalog read once, in document order, for the exports that write all of it (JSON, CSV, bookmarks):
/// one query per table, whatever the catalog's size.
/// </summary>
public sealed class CatalogSnapshot
{
    public sealed record SourceRow(int Id, string Name, string Sha256, DateTimeOffset ImportedAt);

    public sealed record TopicRow(int Id, int SourceId, int? ParentId, string Slug, string Title, int Level, int Position, string Intro);

    public sealed record LinkRow(int Id, string Url, string Host, string Kind);

    public sealed record MentionRow(int TopicId, int LinkId, string Label, string? Context, string RawUrl, LinkPlace Place, int Position);

    public sealed record QuoteRow(int TopicId, string Text, string Url, int Position);

    public sealed record ImageRow(int TopicId, string Src, string? Alt, string? Width, int Position);

    public required long Version { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required IReadOnlyList<SourceRow> Sources { get; init; }

    /// <summary>By source, then document order: a parent always comes before its children.</summary>
    public required IReadOnlyList<TopicRow> Topics { get; init; }

    public required IReadOnlyDictionary<int, LinkRow> Links { get; init; }

    public required ILookup<int, MentionRow> MentionsByTopic { get; init; }

    public required ILookup<int, QuoteRow> QuotesByTopic { get; init; }

    public required ILookup<int, ImageRow> ImagesByTopic { get; init; }

    /// <summary>When an import first added each URL (<see cref="LinkHistory"/>).</summary>
    public required IReadOnlyDictionary<string, DateTimeOffset> FirstSeen { get; init; }

    public ILookup<int?, TopicRow> Children => _children ??= Topics.ToLookup(t => t.ParentId);

    private ILookup<int?, TopicRow>? _children;

    private TopicPaths? _paths;

    /// <summary>The topic's titles from its root down, as the feed and the CSV name a topic.</summary>
    public string PathOf(int topicId) =>
        (_paths ??= new TopicPaths(Topics.ToDictionary(t => t.Id, t => (t.ParentId, t.Title)))).PathOf(topicId);

    /// <summary>When a link joined the catalog: its first import, else the catalog's last change (history cleared).</summary>
    public DateTimeOffset AddedAt(LinkRow link) => FirstSeen.GetValueOrDefault(link.Url, UpdatedAt);

    public static async Task<CatalogSnapshot> LoadAsync(CatalogDbContext db, CancellationToken ct)
    {
        var state = await db.CatalogState.AsNoTracking().Select(s => new { s.Version, s.UpdatedAt }).FirstOrDefaultAsync(ct);
        var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new SourceRow(s.Id, s.Name, s.Sha256, s.ImportedAt)).ToListAsync(ct);
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.SourceId).ThenBy(t => t.Position)
            .Select(t => new TopicRow(t.Id, t.SourceId, t.ParentId, t.Slug, t.Title, t.Level, t.Position, t.IntroMarkdown)).ToListAsync(ct);
        var links = await db.Links.AsNoTracking().Select(l => new LinkRow(l.Id, l.Url, l.Host, l.Kind)).ToDictionaryAsync(l => l.Id, ct);
        var mentions = await db.Mentions.AsNoTracking().OrderBy(m => m.Position)
            .Select(m => new MentionRow(m.TopicId, m.LinkId, m.Label, m.Context, m.RawUrl, m.Place, m.Position)).ToListAsync(ct);
        var quotes = await db.Quotes.AsNoTracking().OrderBy(q => q.Position)
            .Select(q => new QuoteRow(q.TopicId, q.Text, q.Url, q.Position)).ToListAsync(ct);
        var images = await db.Images.AsNoTracking().OrderBy(i => i.Position)
            .Select(i => new ImageRow(i.TopicId, i.Src, i.Alt, i.Width, i.Position)).ToListAsync(ct);
        var history = await LinkHistory.ReadAsync(db, ct);
        return new CatalogSnapshot
        {
            Version = state?.Version ?? 0,
            UpdatedAt = state?.UpdatedAt ?? DateTimeOffset.UnixEpoch,
            Sources = sources,
            Topics = topics,
            Links = links,
            MentionsByTopic = mentions.ToLookup(m => m.TopicId),
            QuotesByTopic = quotes.ToLookup(q => q.TopicId),
            ImagesByTopic = images.ToLookup(i => i.TopicId),
            FirstSeen = history.FirstSeen(),
        };
    }
}
