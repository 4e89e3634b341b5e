using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>
/// Our sanitizer against the HtmlSanitizer package on known XSS shapes: nothing of ours may survive that the package
/// drops, except the differences listed here with their reasons.
/// </summary>
public sealed class HtmlSanitizerOracleTests
{
    // What ours keeps and the package does not, on purpose.
    private static readonly Dictionary<string, string> s_knownDifferences = new(StringComparer.Ordinal)
    {
        ["a[rel]"] = "ours adds rel=\"noopener noreferrer\" to every safe link; it is written by us, never taken from the input",
        ["img[loading]"] = "ours adds loading=\"lazy\" to every image; it is written by us, never taken from the input",
    };

    [Fact]
    public void OurOutputKeepsNothingThePackageDropsOnTheXssCorpus()
    {
        var oracle = SanitizerOracle.Create();
        var corpus = XssCorpus.All.ToList();

        var differences = Differences(corpus, HtmlSanitizer.Sanitize, html => oracle.Sanitize(html));

        Assert.True(corpus.Count > 100, $"only {corpus.Count} cases");
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void TheCorpusLeavesSomethingOfEveryAllowedKindToCompare()
    {
        var kept = XssCorpus.All.SelectMany(html => SanitizerOracle.Survivors(HtmlSanitizer.Sanitize(html))).ToHashSet();

        Assert.Superset(new HashSet<string> { "a[href]", "a[title]", "img[src]", "img[alt]", "img[width]", "span[class]", "td", "th[align]", "p" }, kept);
    }

    [Fact]
    public void TheComparisonCatchesASanitizerThatKeepsTooMuch()
    {
        var oracle = SanitizerOracle.Create();

        var differences = Differences(XssCorpus.EncodedScriptUrls, html => html, html => oracle.Sanitize(html));

        Assert.Contains(differences, d => d.Contains("a[href]=javascript:alert(1)", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("a[onmouseover]", StringComparison.Ordinal) || d.Contains("img[src]=javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SanitizingTheOutputAgainChangesNothing()
    {
        foreach (var html in XssCorpus.All)
        {
            var once = HtmlSanitizer.Sanitize(html);

            Assert.Equal(once, HtmlSanitizer.Sanitize(once));
        }
    }

    private static List<string> Differences(IEnumerable<string> corpus, Func<string, string> ours, Func<string, string> package)
    {
        var differences = new List<string>();
        foreach (var html in corpus)
        {
            var kept = SanitizerOracle.Survivors(ours(html));
            kept.ExceptWith(SanitizerOracle.Survivors(package(html)));
            kept.RemoveWhere(s_knownDifferences.ContainsKey);
            differences.AddRange(kept.Order(StringComparer.Ordinal).Select(item => $"{item} kept from: {html}"));
        }

        return differences;
    }
}
