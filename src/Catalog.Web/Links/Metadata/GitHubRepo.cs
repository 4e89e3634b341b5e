using System.Text.Json;

namespace Catalog.Web.Links.Metadata;

/// <summary>Reads GitHub's REST answer for a repository (GET /repos/{owner}/{repo}); invalid JSON yields null.</summary>
public static class GitHubRepo
{
    public static FetchedMetadata? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var repo = document.RootElement;
            var name = Json.String(repo, "full_name");
            if (name is null)
            {
                return null;
            }

            var owner = repo.TryGetProperty("owner", out var o) ? Json.String(o, "login") : null;
            var license = repo.TryGetProperty("license", out var l) && l.ValueKind == JsonValueKind.Object ? Json.String(l, "spdx_id") ?? Json.String(l, "name") : null;
            var pushed = CleanText.Date(Json.String(repo, "pushed_at"));
            return new FetchedMetadata(MetadataSources.GitHub)
            {
                Title = CleanText.Line(name, CleanText.TitleLength),
                Authors = CleanText.Names([owner]),
                Abstract = CleanText.Line(Json.String(repo, "description"), CleanText.AbstractLength),
                Stars = Json.Int(repo, "stargazers_count"),
                Language = CleanText.Line(Json.String(repo, "language"), 40),
                Archived = Json.Bool(repo, "archived"),
                License = license is "NOASSERTION" ? null : CleanText.Line(license, 80),
                PushedAt = pushed,
                Kind = Import.LinkKinds.Code,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
