using System.Text.Json;

namespace Catalog.Web.Links.Metadata;

/// <summary>Reads an oEmbed answer (oembed.com, section 2.3.4): title and author_name (a video's channel).</summary>
public static class OEmbed
{
    public static FetchedMetadata? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var answer = document.RootElement;
            var title = CleanText.Line(Json.String(answer, "title"), CleanText.TitleLength);
            if (title is null)
            {
                return null;
            }

            return new FetchedMetadata(MetadataSources.OEmbed)
            {
                Title = title,
                Authors = CleanText.Names([Json.String(answer, "author_name")]),
                Venue = CleanText.Line(Json.String(answer, "provider_name"), 80),
                Kind = Json.String(answer, "type") is "video" ? Import.LinkKinds.Video : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
