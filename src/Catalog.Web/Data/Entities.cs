namespace Catalog.Web.Data;

/// <summary>One seed file, identified by its file name.</summary>
public sealed class Source
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public List<Topic> Topics { get; } = [];
}

public sealed class Topic
{
    public int Id { get; set; }

    public int SourceId { get; set; }

    public Source Source { get; set; } = null!;

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public int Level { get; set; }

    public int? ParentId { get; set; }

    public Topic? Parent { get; set; }

    /// <summary>Document order within the source.</summary>
    public int Position { get; set; }

    public string IntroMarkdown { get; set; } = "";

    /// <summary>Sanitized HTML of the intro, made once at import.</summary>
    public string IntroHtml { get; set; } = "";

    public List<Mention> Mentions { get; } = [];

    public List<Quote> Quotes { get; } = [];

    public List<Image> Images { get; } = [];
}

/// <summary>A distinct resource URL: one row however many topics list it.</summary>
public sealed class Link
{
    public int Id { get; set; }

    /// <summary>Normalised identity (scheme and host lower-case, default port dropped).</summary>
    public required string Url { get; set; }

    public required string Host { get; set; }

    public required string Kind { get; set; }

    public List<Mention> Mentions { get; } = [];
}

/// <summary>One appearance of a link in a topic, with its own label and position.</summary>
public sealed class Mention
{
    public int Id { get; set; }

    public int TopicId { get; set; }

    public Topic Topic { get; set; } = null!;

    public int LinkId { get; set; }

    public Link Link { get; set; } = null!;

    public required string Label { get; set; }

    public string? Context { get; set; }

    public required string RawUrl { get; set; }

    public Import.LinkPlace Place { get; set; }

    public int Position { get; set; }
}

public sealed class Quote
{
    public int Id { get; set; }

    public int TopicId { get; set; }

    public Topic Topic { get; set; } = null!;

    public required string Text { get; set; }

    public required string Url { get; set; }

    public int Position { get; set; }
}

public sealed class Image
{
    public int Id { get; set; }

    public int TopicId { get; set; }

    public Topic Topic { get; set; } = null!;

    public required string Src { get; set; }

    public string? Alt { get; set; }

    public string? Width { get; set; }

    public int Position { get; set; }
}

/// <summary>
/// An old topic slug that now answers with a redirect (<see cref="TopicSlug"/> set) or 410 Gone (null).
/// </summary>
public sealed class SlugRedirect
{
    public required string Slug { get; set; }

    public string? TopicSlug { get; set; }

    /// <summary>The title the slug had, for the 410 page.</summary>
    public required string Title { get; set; }

    /// <summary>For a removed topic: the URLs it listed, one a line, so the 410 page can say where they went.</summary>
    public string LinkUrls { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

public enum ImportStatus
{
    Succeeded,
    Failed,
}

/// <summary>Every import attempt, with the file it read (kept by SHA-256 in <see cref="SeedBlob"/>) and its report.</summary>
public sealed class ImportRun
{
    public int Id { get; set; }

    public required string SourceName { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    public ImportStatus Status { get; set; }

    public string? User { get; set; }

    /// <summary>The import report as JSON (the CLI's --json shape).</summary>
    public string ReportJson { get; set; } = "{}";

    /// <summary>The item-by-item changes (<see cref="Import.ImportChange"/> list) as JSON, for the history pages.</summary>
    public string DiffJson { get; set; } = "[]";

    public string? Error { get; set; }
}

/// <summary>The bytes of every file ever applied, so any earlier version can be restored.</summary>
public sealed class SeedBlob
{
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }
}

/// <summary>A single row whose <see cref="Version"/> goes up with every applied import: ETags and caches key on it.</summary>
public sealed class CatalogState
{
    public int Id { get; set; }

    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One signed-in admin session, named by the random id its cookie carries: signing out deletes the row, so a copy of
/// the cookie stops working; kept in the database so that every instance of the app sees it.
/// </summary>
public sealed class AdminSession
{
    public required string Id { get; set; }

    public DateTimeOffset SignedInAt { get; set; }
}
