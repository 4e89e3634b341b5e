using System.Text.Json;

namespace Catalog.Web.Export;

/// <summary>
/// /export/catalog.json: the whole catalog as one document (schema in README, "Take it elsewhere"). Readers check
/// <see cref="Version"/>; fields are only ever added within a version. Topics nest like the topic tree; links are a flat
/// list whose mentions name their topic by slug.
/// </summary>
public static class CatalogJson
{
    public const int Version = 1;

    public static async Task WriteAsync(CatalogSnapshot catalog, Stream output, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", Version);
        json.WriteNumber("catalogVersion", catalog.Version);
        json.WriteString("updatedAt", catalog.UpdatedAt);
        json.WriteStartArray("sources");
        foreach (var source in catalog.Sources)
        {
            json.WriteStartObject();
            json.WriteString("name", source.Name);
            json.WriteString("sha256", source.Sha256);
            json.WriteString("importedAt", source.ImportedAt);
            json.WriteStartArray("topics");
            foreach (var root in catalog.Children[null].Where(t => t.SourceId == source.Id))
            {
                WriteTopic(json, catalog, root);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteLinks(json, catalog);
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void WriteTopic(Utf8JsonWriter json, CatalogSnapshot catalog, CatalogSnapshot.TopicRow topic)
    {
        json.WriteStartObject();
        json.WriteString("slug", topic.Slug);
        json.WriteString("title", topic.Title);
        json.WriteNumber("level", topic.Level);
        json.WriteString("intro", topic.Intro);
        json.WriteStartArray("quotes");
        foreach (var quote in catalog.QuotesByTopic[topic.Id])
        {
            json.WriteStartObject();
            json.WriteString("text", quote.Text);
            json.WriteString("url", quote.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("images");
        foreach (var image in catalog.ImagesByTopic[topic.Id])
        {
            json.WriteStartObject();
            json.WriteString("src", image.Src);
            json.WriteString("alt", image.Alt);
            json.WriteString("width", image.Width);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("children");
        foreach (var child in catalog.Children[topic.Id])
        {
            WriteTopic(json, catalog, child);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // Health and fetched metadata are not written here: the API carries them, and `links export` writes the metadata.
    private static void WriteLinks(Utf8JsonWriter json, CatalogSnapshot catalog)
    {
        var mentions = catalog.Topics.SelectMany(t => catalog.MentionsByTopic[t.Id].Select(m => (Topic: t, Mention: m)))
            .ToLookup(x => x.Mention.LinkId);
        json.WriteStartArray("links");
        foreach (var link in catalog.Links.Values.OrderBy(l => l.Id))
        {
            json.WriteStartObject();
            json.WriteNumber("id", link.Id);
            json.WriteString("url", link.Url);
            json.WriteString("host", link.Host);
            json.WriteString("kind", link.Kind);
            json.WriteString("addedAt", catalog.AddedAt(link));
            json.WriteStartArray("mentions");
            foreach (var (topic, mention) in mentions[link.Id])
            {
                json.WriteStartObject();
                json.WriteString("topic", topic.Slug);
                json.WriteString("label", mention.Label);
                json.WriteString("context", mention.Context);
                json.WriteString("place", mention.Place.ToString().ToLowerInvariant());
                json.WriteString("rawUrl", mention.RawUrl);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
