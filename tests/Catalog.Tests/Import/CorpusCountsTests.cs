using System.Text.Json;
using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>
/// The importer agrees with an independent parser (markdown-it) on every real awesome list we ship, exactly: every file
/// also gives the reference's resource URLs in the same order. Where GitHub's rules and markdown-it's differ, we follow
/// GitHub; those cases are pinned in <see cref="AutoLinkTests"/> and none occurs in the corpus.
/// </summary>
public sealed class CorpusCountsTests
{
    public static TheoryData<string> Files() => new(ReferenceCounts().Keys.Order());

    [Theory]
    [MemberData(nameof(Files))]
    public void ImporterCountsAgreeWithTheReferenceParser(string file)
    {
        var expected = ReferenceCounts()[file];
        var parsed = SeedParser.Parse(File.ReadAllText(PathOf(file)), file);
        TestContext.Current.SendDiagnosticMessage($"{file}: links {parsed.LinkCount}/{expected.GetProperty("resourceLinks")} distinct {parsed.DistinctUrlCount}/{expected.GetProperty("distinctResourceUrls")} images {parsed.ImageCount}/{expected.GetProperty("images")}");

        var headings = expected.GetProperty("h1").GetInt32() + expected.GetProperty("h2").GetInt32()
            + expected.GetProperty("h3").GetInt32() + expected.GetProperty("h4").GetInt32()
            + expected.GetProperty("h5").GetInt32() + expected.GetProperty("h6").GetInt32();
        Assert.Equal(headings, parsed.Headings);
        Assert.Equal(expected.GetProperty("resourceLinks").GetInt32(), parsed.LinkCount);
        Assert.Equal(expected.GetProperty("distinctResourceUrls").GetInt32(), parsed.DistinctUrlCount);
        Assert.Equal(expected.GetProperty("images").GetInt32(), parsed.ImageCount);
    }

    private static string PathOf(string file) => file == "science-of-deep-learning.md"
        ? Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", file)
        : Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus", file);

    private static Dictionary<string, JsonElement> ReferenceCounts() =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus", "reference-counts.json")))!;
}
