using System.Text.Json;
using AngleSharp.Dom;
using Catalog.Web.Import;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// The first schema.org node of a page's JSON-LD whose @type says what the page is (ScholarlyArticle, Course, Event,
/// Person, VideoObject...), looking through top-level arrays and @graph. Invalid JSON is skipped.
/// </summary>
internal sealed record JsonLd(string? Kind, string? Title, IReadOnlyList<string> Authors, string? Published, string? Description)
{
    private const int MaxScripts = 10;

    private static readonly Dictionary<string, string> s_kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ScholarlyArticle"] = LinkKinds.Paper,
        ["Report"] = LinkKinds.Paper,
        ["Thesis"] = LinkKinds.Paper,
        ["TechArticle"] = LinkKinds.Paper,
        ["Course"] = LinkKinds.Course,
        ["CourseInstance"] = LinkKinds.Course,
        ["Event"] = LinkKinds.Event,
        ["EducationEvent"] = LinkKinds.Event,
        ["BusinessEvent"] = LinkKinds.Event,
        ["Person"] = LinkKinds.Person,
        ["ProfilePage"] = LinkKinds.Person,
        ["VideoObject"] = LinkKinds.Video,
        ["SoftwareSourceCode"] = LinkKinds.Code,
        ["SoftwareApplication"] = LinkKinds.Code,
        ["Book"] = LinkKinds.Book,
        ["BlogPosting"] = LinkKinds.Blog,
        ["Article"] = LinkKinds.Blog,
        ["NewsArticle"] = LinkKinds.Blog,
    };

    public static JsonLd? Read(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']").Take(MaxScripts))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (Nodes(json.RootElement).Select(From).FirstOrDefault(n => n is not null) is { } found)
                {
                    return found;
                }
            }
            catch (JsonException)
            {
                // A page's broken JSON-LD is its own problem; the other families still speak.
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray().SelectMany(Nodes),
        JsonValueKind.Object when root.TryGetProperty("@graph", out var graph) => Nodes(graph),
        JsonValueKind.Object => [root],
        _ => [],
    };

    private static JsonLd? From(JsonElement node)
    {
        var types = node.TryGetProperty("@type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null) : [type.ValueKind == JsonValueKind.String ? type.GetString() : null]
            : [];
        var kind = types.OfType<string>().Select(t => s_kinds.GetValueOrDefault(t)).FirstOrDefault(k => k is not null);
        if (kind is null)
        {
            return null;
        }

        // A profile page describes its mainEntity, the person.
        var subject = node.TryGetProperty("mainEntity", out var main) && main.ValueKind == JsonValueKind.Object ? main : node;
        return new JsonLd(
            kind,
            Json.String(subject, "name") ?? Json.String(node, "headline") ?? Json.String(node, "name"),
            AuthorsOf(node),
            Json.String(node, "datePublished") ?? Json.String(node, "startDate") ?? Json.String(node, "uploadDate"),
            Json.String(subject, "description") ?? Json.String(node, "description"));
    }

    private static List<string> AuthorsOf(JsonElement node)
    {
        if (!node.TryGetProperty("author", out var author))
        {
            return [];
        }

        var people = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToList() : [author];
        return people.Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : Json.String(p, "name")).OfType<string>().ToList();
    }
}
