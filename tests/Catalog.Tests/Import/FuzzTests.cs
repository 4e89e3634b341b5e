using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>Whatever the input, the importer does not throw and its result keeps the catalog's invariants.</summary>
public sealed class FuzzTests
{
    private static readonly string[] s_fragments =
    [
        "[", "]", "(", ")", "](", "](javascript:alert(1))", "<", ">", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
        "# ", "\n## ", "\n### ", "\n", "\n\n", "* ", "- ", "1. ", "> ", "```", "`", "$", "$$", "|", "\n| a | b |\n|---|---|\n",
        "https://example.org/x", "www.example.com", "<https://a.b/c>", "\0", "😀", "深度学习", "&amp;", "&#x6A;avascript:", "\\",
        "*", "_", "~~", "<!--", "-->", "![alt](https://i.example/x.png)", "[x]: https://ref.example/", "[x]", "\r\n", "\t",
    ];

    [Fact]
    public void EveryCommonMarkSpecExampleParsesWithinTheInvariants()
    {
        var examples = CommonMarkExamples();
        var failures = new List<string>();
        foreach (var (example, number) in examples.Select((e, i) => (e, i + 1)))
        {
            try
            {
                CatalogInvariants.Check(SeedParser.Parse(example, "spec.md"));
            }
            catch (Exception e)
            {
                failures.Add($"example {number}: {e.Message}");
            }
        }

        Assert.Equal(652, examples.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public void MutationsOfTheSeedNeverThrowAndKeepTheInvariants()
    {
        var seed = File.ReadAllText(EmptyCatalogFactory.SeedPath);
        var random = new Random(20261126);
        var clock = Stopwatch.StartNew();
        var cases = 0;
        for (; cases < 3000 && clock.Elapsed < TimeSpan.FromSeconds(30); cases++)
        {
            var mutant = Mutate(seed, random);
            try
            {
                CatalogInvariants.Check(SeedParser.Parse(mutant, "mutant.md"));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Mutation case {cases} broke the importer; input (first 2,000 chars):\n{mutant[..Math.Min(2000, mutant.Length)]}", e);
            }
        }

        Assert.True(cases >= 500, $"only {cases} cases ran in the time allowed");
    }

    private static string Mutate(string seed, Random random)
    {
        // Work on a window so each case stays fast; mutations land where the structure is.
        var start = random.Next(seed.Length - 4000);
        var sb = new StringBuilder(seed, start, 4000, 8000);
        for (var i = random.Next(1, 12); i > 0; i--)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(4))
            {
                case 0:
                    sb.Insert(at, s_fragments[random.Next(s_fragments.Length)]);
                    break;
                case 1:
                    sb.Remove(at, Math.Min(random.Next(1, 60), sb.Length - at));
                    break;
                case 2:
                    var length = Math.Min(random.Next(1, 200), sb.Length - at);
                    sb.Insert(random.Next(sb.Length), sb.ToString(at, length));
                    break;
                default:
                    sb[at] = (char)random.Next(0, 0x3000);
                    break;
            }
        }

        return sb.ToString();
    }

    private static List<string> CommonMarkExamples() =>
        JsonSerializer.Deserialize<List<JsonElement>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "commonmark", "spec.json")))!
            .Select(e => e.GetProperty("markdown").GetString()!)
            .ToList();
}
