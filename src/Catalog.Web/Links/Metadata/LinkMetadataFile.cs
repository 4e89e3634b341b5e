using System.Text.Json;
using System.Text.Json.Serialization;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// The offline form of fetched metadata (README, "Link metadata"): `links export` writes every row, `links import`
/// loads a file into another catalog in one transaction, and a seed's <c>NAME.links.json</c> is loaded with the seed
/// on first start. A file is untrusted like a fetched page: every value is cleaned and capped again, and a file that
/// is not this format, or has a URL that is not http(s), is refused whole.
/// </summary>
public sealed class LinkMetadataFile(CatalogDbContext db, LinkMetadataStore store, ILogger<LinkMetadataFile> logger)
{
    public const string Format = "catalog-link-metadata";
    public const int Version = 1;
    public const string Suffix = ".links.json";
    public const int MaxLinks = 1_000_000;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions s_compact = new(JsonSerializerDefaults.Web);

    public sealed record FileLink(
        string Url,
        string? CanonicalId,
        string? Source,
        string? Kind,
        string? Title,
        IReadOnlyList<string>? Authors,
        int? Year,
        string? Published,
        string? Venue,
        string? Abstract,
        string? Doi,
        string? ArxivId,
        string? PrimaryClass,
        string? PdfUrl,
        string? ContentType,
        long? ContentLength,
        int? Stars,
        string? Language,
        bool? Archived,
        string? License,
        string? PushedAt,
        IReadOnlyDictionary<string, MetadataRecord.FieldSource>? FieldSources,
        DateTimeOffset? FetchedAt,
        string? ETag,
        string? LastModified);

    public sealed record FileContent(string Format, int Version, DateTimeOffset ExportedAt, IReadOnlyList<FileLink> Links);

    public async Task<int> ExportAsync(Stream output, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.LinkMetadata.AsNoTracking().Where(r => r.FetchedAt != null).OrderBy(r => r.Url).ToListAsync(ct);
        var links = rows.Select(r => new FileLink(r.Url, r.CanonicalId, r.Source, r.Kind, r.Title, MetadataRecord.Authors(r.Authors), r.Year, r.Published,
            r.Venue, r.Abstract, r.Doi, r.ArxivId, r.PrimaryClass, r.PdfUrl, r.ContentType, r.ContentLength, r.Stars, r.Language, r.Archived, r.License,
            r.PushedAt, MetadataRecord.Sources(r), r.FetchedAt, r.ETag, r.LastModified)).ToList();
        await JsonSerializer.SerializeAsync(output, new FileContent(Format, Version, now, links), s_json, ct);
        return links.Count;
    }

    /// <returns>The number of links loaded.</returns>
    /// <exception cref="InvalidDataException">The file is not a link-metadata file this version reads; nothing is loaded.</exception>
    public async Task<int> ImportAsync(Stream input, CancellationToken ct)
    {
        FileContent? content;
        try
        {
            content = await JsonSerializer.DeserializeAsync<FileContent>(input, s_json, ct);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a link-metadata file: {e.Message}", e);
        }

        if (content is null || content.Format != Format || content.Version != Version || content.Links is null)
        {
            throw new InvalidDataException($"not a link-metadata file: expected \"format\": \"{Format}\" and \"version\": {Version}");
        }

        if (content.Links.Count > MaxLinks)
        {
            throw new InvalidDataException($"more than {MaxLinks:N0} links");
        }

        var clean = content.Links.Select((link, i) => Clean(link) ?? throw new InvalidDataException($"link {i + 1}: \"url\" is not an absolute http(s) URL")).ToList();
        var rows = await db.LinkMetadata.AsTracking().ToDictionaryAsync(r => r.Url, ct);
        foreach (var (url, fetched, link) in clean)
        {
            if (!rows.TryGetValue(url, out var row))
            {
                row = new LinkMetadataRow { Url = url };
                db.LinkMetadata.Add(row);
                rows[url] = row;
            }

            Load(row, fetched, link);
        }

        await store.SaveAsync(ct);
        logger.LogInformation("Loaded link metadata for {Links} links", clean.Count);
        return clean.Count;
    }

    /// <summary>Loads <c>NAME.links.json</c> beside the seed <c>NAME.md</c>, if there is one; a bad file is logged and skipped.</summary>
    public async Task LoadBesideSeedAsync(string seedPath, CancellationToken ct)
    {
        var path = Path.ChangeExtension(seedPath, null) + Suffix;
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            await using var file = File.OpenRead(path);
            await ImportAsync(file, ct);
        }
        catch (InvalidDataException e)
        {
            logger.LogError("Link metadata {Path} was not loaded: {Reason}", path, e.Message);
        }
    }

    private static (string Url, FetchedMetadata Fetched, FileLink Link)? Clean(FileLink link)
    {
        var url = CleanText.HttpUrl(link.Url);
        if (url is null)
        {
            return null;
        }

        // The file says which source gave each value; it is kept, but every value is cleaned as if fetched now.
        var fetched = new FetchedMetadata(CleanText.Line(link.Source, 20) ?? MetadataSources.Imported)
        {
            Title = CleanText.Line(link.Title, CleanText.TitleLength),
            Authors = CleanText.Names(link.Authors ?? []),
            Year = link.Year is >= 1600 and <= 2200 ? link.Year : null,
            Published = CleanText.Date(link.Published),
            Venue = CleanText.Line(link.Venue),
            Abstract = CleanText.Line(link.Abstract, CleanText.AbstractLength),
            Doi = CanonicalId.NormaliseDoi(link.Doi),
            ArxivId = Export.Citations.ArxivId.Parse(link.ArxivId ?? "")?.Id,
            PrimaryClass = CleanText.Line(link.PrimaryClass, 40),
            PdfUrl = CleanText.HttpUrl(link.PdfUrl),
            Kind = LinkKinds.All.Contains(link.Kind) ? link.Kind : null,
            ContentType = CleanText.Line(link.ContentType, 100),
            ContentLength = link.ContentLength is >= 0 ? link.ContentLength : null,
            Stars = link.Stars is >= 0 ? link.Stars : null,
            Language = CleanText.Line(link.Language, 40),
            Archived = link.Archived,
            License = CleanText.Line(link.License, 80),
            PushedAt = CleanText.Date(link.PushedAt),
        };
        return (Uri.TryCreate(url, UriKind.Absolute, out _) ? link.Url.Trim() : url, fetched, link);
    }

    private static void Load(LinkMetadataRow row, FetchedMetadata fetched, FileLink link)
    {
        var fetchedAt = link.FetchedAt ?? DateTimeOffset.UnixEpoch;

        // What the file holds replaces what this catalog had for the URL: it is a copy of another catalog's rows.
        row.FieldSources = "{}";
        row.Authors = "[]";
        row.Title = row.Published = row.Venue = row.Abstract = row.Doi = row.ArxivId = row.PrimaryClass = row.PdfUrl = row.Kind = null;
        row.ContentType = row.Language = row.License = row.PushedAt = row.CanonicalId = null;
        (row.Year, row.ContentLength, row.Stars, row.Archived) = (null, null, null, null);
        MetadataRecord.Apply(row, fetched, fetchedAt);
        if (link.FieldSources is { Count: > 0 } sources)
        {
            var kept = MetadataRecord.Sources(row).Keys.Where(sources.ContainsKey)
                .ToDictionary(k => k, k => sources[k] with { Source = CleanText.Line(sources[k].Source, 20) ?? fetched.Source });
            row.FieldSources = JsonSerializer.Serialize(kept, s_compact);
        }

        row.AttemptedAt = fetchedAt;
        row.ETag = CleanText.Line(link.ETag, 200);
        row.LastModified = CleanText.Line(link.LastModified, 64);
        if (link.CanonicalId is { } canonical && CleanText.Line(canonical, 300) is { } id && (id.StartsWith("arXiv:", StringComparison.Ordinal) || id.StartsWith("doi:", StringComparison.Ordinal)))
        {
            row.CanonicalId ??= id;
        }
    }
}
