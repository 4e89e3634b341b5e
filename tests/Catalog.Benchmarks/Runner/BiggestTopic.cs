using System.Text.Json;

namespace Catalog.Benchmarks.Runner;

/// <summary>The topic with the most links, from <c>/api/topics</c>: the topic page the serving benchmarks load.</summary>
public static class BiggestTopic
{
    public static async Task<(string Slug, int Links)> ReadAsync(HttpClient client)
    {
        using var topics = JsonDocument.Parse(await client.GetStringAsync("/api/topics"));
        return topics.RootElement.EnumerateArray()
            .Select(t => (Slug: t.GetProperty("slug").GetString()!, Links: t.GetProperty("links").GetInt32()))
            .MaxBy(t => t.Links);
    }
}
