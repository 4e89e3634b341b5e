using System.Text.Json;
using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>Shortcuts for parser tests: parse a small markdown fixture and look at what came out.</summary>
internal static class Parsing
{
    public static ParsedCatalog Parse(string markdown) => SeedParser.Parse(markdown, "test.md");

    public static IReadOnlyList<ParsedLink> Links(string markdown) => Parse(markdown).Topics.SelectMany(t => t.Links).ToList();

    public static ParsedLink SingleLink(string markdown) => Assert.Single(Links(markdown));

    public static ParsedTopic Topic(ParsedCatalog catalog, string slug) => Assert.Single(catalog.Topics, t => t.Slug == slug);

    /// <summary>Everything the parser produced, as one string: two parses are the same when these are equal.</summary>
    public static string Snapshot(ParsedCatalog catalog) => JsonSerializer.Serialize(catalog);

    public static string SeedPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", "science-of-deep-learning.md");
}
