using System.Text.Json;

namespace Catalog.Benchmarks.Relevance;

/// <summary>One query of <c>relevance/queries.json</c>: its kind and the links judged relevant, graded 2 or 1.</summary>
public sealed record JudgedQuery(string Query, string Kind, IReadOnlyDictionary<string, int> Relevant)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<JudgedQuery> Load(string path) =>
        JsonSerializer.Deserialize<List<JudgedQuery>>(File.ReadAllText(path), s_json)
        ?? throw new InvalidOperationException($"{path} holds no queries.");

    public int Grade(string url) => Relevant.GetValueOrDefault(url);
}
