using System.Text.Json;

namespace Catalog.Web.Links.Metadata;

/// <summary>Tolerant reads of fetched JSON: a field of the wrong type is a missing field, never an exception.</summary>
internal static class Json
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    public static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    /// <summary>A string field, or the first string of an array field (Crossref's "title": ["..."]).</summary>
    public static string? First(JsonElement element, string name) =>
        String(element, name) ?? Array(element, name).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).FirstOrDefault();
}
