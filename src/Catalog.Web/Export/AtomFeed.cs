using System.Text;
using System.Xml;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Export;

/// <summary>
/// Atom 1.0 (RFC 4287) feeds of what imports added: one entry per link an import added (<see cref="LinkHistory"/>),
/// newest import first, at most <see cref="MaxEntries"/>. A link's entry id is a tag: URI (RFC 4151) of its URL, so a
/// feed reader knows an entry again however often the feed is generated; a link removed and added again comes back
/// as the same entry with a newer date.
/// </summary>
public static class AtomFeed
{
    public const int MaxEntries = 50;

    private const string AtomNs = "http://www.w3.org/2005/Atom";

    // The date is part of a tag URI: fixed, so ids never change.
    private const string TagPrefix = "tag:catalog.localhost,2026:";

    /// <param name="Title">The feed's title.</param>
    /// <param name="SelfPath">The feed's own path (/feeds/catalog.atom).</param>
    /// <param name="PagePath">The HTML page the feed follows (/ or /topics/{slug}).</param>
    /// <param name="TopicId">Only the links of this topic; null for the whole catalog.</param>
    public sealed record Request(string Title, string SelfPath, string PagePath, int? TopicId);

    /// <summary>The entry id of a link: stable for as long as its URL is.</summary>
    public static string EntryId(string url) => TagPrefix + "link:" + Uri.EscapeDataString(url);

    /// <param name="baseUrl">Scheme and host the links are made absolute with ("https://catalog.example"); empty leaves them relative.</param>
    public static async Task<byte[]> WriteAsync(CatalogDbContext db, Request request, string baseUrl, CancellationToken ct)
    {
        var history = await LinkHistory.ReadAsync(db, ct);
        var entries = await EntriesAsync(db, history, request.TopicId, ct);
        var updated = entries.Count > 0
            ? entries[0].ImportedAt
            : await db.CatalogState.Select(s => (DateTimeOffset?)s.UpdatedAt).FirstOrDefaultAsync(ct) ?? DateTimeOffset.UnixEpoch;

        var output = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true };
        await using (var xml = XmlWriter.Create(output, settings))
        {
            await xml.WriteStartDocumentAsync();
            xml.WriteStartElement("feed", AtomNs);
            xml.WriteElementString("id", AtomNs, TagPrefix + "feed:" + request.SelfPath);
            xml.WriteElementString("title", AtomNs, request.Title);
            xml.WriteElementString("updated", AtomNs, Time(updated));
            Link(xml, "self", baseUrl + request.SelfPath, "application/atom+xml");
            Link(xml, "alternate", baseUrl + request.PagePath, "text/html");
            xml.WriteStartElement("author", AtomNs);
            xml.WriteElementString("name", AtomNs, "Catalog");
            xml.WriteEndElement();
            xml.WriteElementString("generator", AtomNs, "Catalog");
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry", AtomNs);
                xml.WriteElementString("id", AtomNs, EntryId(entry.Url));
                xml.WriteElementString("title", AtomNs, entry.Label);
                xml.WriteElementString("updated", AtomNs, Time(entry.ImportedAt));
                Link(xml, "alternate", entry.Url, null);
                Link(xml, "related", baseUrl + Pages.Hrefs.Link(entry.LinkId), "text/html");
                xml.WriteStartElement("category", AtomNs);
                xml.WriteAttributeString("term", entry.Kind);
                xml.WriteEndElement();
                xml.WriteStartElement("content", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(entry.Content);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            await xml.WriteEndDocumentAsync();
        }

        return output.ToArray();
    }

    public sealed record Entry(int LinkId, string Url, string Label, string Kind, DateTimeOffset ImportedAt, string Content);

    public static async Task<List<Entry>> EntriesAsync(CatalogDbContext db, LinkHistory history, int? topicId, CancellationToken ct)
    {
        // Newest first; a URL added again later is listed once, at its newest addition.
        var newest = history.Additions.DistinctBy(a => a.Url, StringComparer.Ordinal).ToList();
        if (topicId is not null)
        {
            var topicUrls = await db.Mentions.Where(m => m.TopicId == topicId).Select(m => m.Link.Url).Distinct().ToListAsync(ct);
            var inTopic = topicUrls.ToHashSet(StringComparer.Ordinal);
            newest = newest.Where(a => inTopic.Contains(a.Url)).ToList();
        }

        // The history names links that may since have gone: read a few more than a feed holds and keep the live ones.
        var candidates = newest.Take(MaxEntries * 4).ToList();
        var urls = candidates.Select(a => a.Url).ToList();
        var live = (await db.Mentions.Where(m => urls.Contains(m.Link.Url))
                .OrderBy(m => m.Topic.SourceId).ThenBy(m => m.Topic.Position).ThenBy(m => m.Position)
                .Select(m => new { m.LinkId, m.Link.Url, m.Link.Kind, m.Label, m.Context, m.Place, m.TopicId })
                .ToListAsync(ct))
            .ToLookup(m => m.Url, StringComparer.Ordinal);
        var paths = await TopicPaths.LoadAsync(db, ct);
        return candidates.Where(a => live[a.Url].Any()).Take(MaxEntries).Select(a =>
        {
            var mentionsOfUrl = live[a.Url].ToList();
            var first = mentionsOfUrl.FirstOrDefault(m => m.Place != LinkPlace.Quote) ?? mentionsOfUrl[0];
            var content = new StringBuilder();
            foreach (var topic in mentionsOfUrl.Select(m => m.TopicId).Distinct())
            {
                content.Append(paths.PathOf(topic)).Append('\n');
            }

            if (first.Context is { Length: > 0 } context)
            {
                content.Append('\n').Append(context);
            }

            return new Entry(first.LinkId, a.Url, first.Label, first.Kind, a.ImportedAt, content.ToString().TrimEnd());
        }).ToList();
    }

    private static void Link(XmlWriter xml, string rel, string href, string? type)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }

        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    // RFC 3339, UTC, whole seconds.
    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
