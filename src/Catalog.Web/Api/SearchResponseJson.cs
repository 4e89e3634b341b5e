using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Web.Api;

/// <summary>
/// Writes /api/search's answer straight to the writer: the same bytes the serializer's own metadata path writes
/// (camelCase names in the records' order, nulls written, the options' encoder; a test holds every answer of the
/// seed's searches to them), without its dispatch through a converter and a property accessor for each value, which
/// was about a tenth of a distinct lexical search's CPU at 200x. A link's health and metadata, a few objects a page,
/// still go through the serializer. Answers are only written: other tools read them.
/// </summary>
internal sealed class SearchResponseJson : JsonConverter<SearchApi.SearchResponse>
{
    private static readonly JsonEncodedText Query = JsonEncodedText.Encode("query");
    private static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
    private static readonly JsonEncodedText Page = JsonEncodedText.Encode("page");
    private static readonly JsonEncodedText Topics = JsonEncodedText.Encode("topics");
    private static readonly JsonEncodedText Results = JsonEncodedText.Encode("results");
    private static readonly JsonEncodedText Partial = JsonEncodedText.Encode("partial");
    private static readonly JsonEncodedText SearchedFor = JsonEncodedText.Encode("searchedFor");
    private static readonly JsonEncodedText SearchInsteadFor = JsonEncodedText.Encode("searchInsteadFor");
    private static readonly JsonEncodedText Slug = JsonEncodedText.Encode("slug");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Host = JsonEncodedText.Encode("host");
    private static readonly JsonEncodedText Snippet = JsonEncodedText.Encode("snippet");
    private static readonly JsonEncodedText Health = JsonEncodedText.Encode("health");
    private static readonly JsonEncodedText Meta = JsonEncodedText.Encode("meta");
    private static readonly JsonEncodedText AlsoAt = JsonEncodedText.Encode("alsoAt");

    public override SearchApi.SearchResponse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The search answer is written, not read.");

    public override void Write(Utf8JsonWriter writer, SearchApi.SearchResponse value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Query, value.Query);
        writer.WriteNumber(Total, value.Total);
        writer.WriteNumber(Page, value.Page);
        writer.WriteStartArray(Topics);
        foreach (var topic in value.Topics)
        {
            writer.WriteStartObject();
            writer.WriteString(Slug, topic.Slug);
            writer.WriteString(Title, topic.Title);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Results);
        foreach (var result in value.Results)
        {
            WriteResult(writer, result, options);
        }

        writer.WriteEndArray();
        writer.WriteBoolean(Partial, value.Partial);
        writer.WriteString(SearchedFor, value.SearchedFor);
        writer.WriteString(SearchInsteadFor, value.SearchInsteadFor);
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, SearchApi.ResultItem result, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Url, result.Url);
        writer.WriteString(Label, result.Label);
        writer.WriteString(Kind, result.Kind);
        writer.WriteString(Host, result.Host);
        WriteStrings(writer, Topics, result.Topics);
        writer.WriteString(Snippet, result.Snippet);
        writer.WritePropertyName(Health);
        JsonSerializer.Serialize(writer, result.Health, options);
        writer.WritePropertyName(Meta);
        JsonSerializer.Serialize(writer, result.Meta, options);
        WriteStrings(writer, AlsoAt, result.AlsoAt);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteStringValue(values[i]);
        }

        writer.WriteEndArray();
    }
}
