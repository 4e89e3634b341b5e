using System.Text.Json;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>axe-core (vendored in vendor/axe-core) run inside the page as it is now.</summary>
public static class Axe
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private static readonly string s_script = Path.Combine(AppContext.BaseDirectory, "vendor", "axe-core", "axe.min.js");

    // Only the violations come back, each with the selectors and the reason of its first few nodes.
    private const string RunScript = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact ?? '',
            help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
          }));
        }
        """;

    /// <summary>
    /// The serious and critical violations on the page. The page's context must bypass the Content-Security-Policy
    /// (<see cref="BrowserNewContextOptions.BypassCSP"/>): axe is injected as an inline script, which the policy forbids.
    /// </summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = s_script });
        var all = (await page.EvaluateAsync<JsonElement>(RunScript)).Deserialize<Violation[]>(s_json)!;
        return all.Where(v => v.Impact is "serious" or "critical").ToList();
    }

    public static string Describe(IEnumerable<Violation> violations) =>
        string.Join("\n", violations.Select(v => $"{v.Impact} {v.Id} ({v.Help}):\n  " + string.Join("\n  ", v.Nodes)));

    public sealed record Violation(string Id, string Impact, string Help, string[] Nodes);
}
