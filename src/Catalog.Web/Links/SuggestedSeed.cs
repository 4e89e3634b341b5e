using System.Text;
using System.Text.RegularExpressions;

namespace Catalog.Web.Links;

/// <summary>One URL the curator should change, and what to: a dead link's archived copy or a moved link's new home.</summary>
public sealed record SeedFix(string Url, string Replacement);

/// <summary>One line of the seed that the suggestion changes (1-based).</summary>
public sealed record SeedLineChange(int Line, string Before, string After);

/// <summary>
/// The curator's suggested seed: the seed text with each fixed URL replaced where it stands as a whole URL, every
/// other byte kept, so the re-import's dry run shows exactly these links changing. A pure function of text.
/// </summary>
public static class SuggestedSeed
{
    public static (string Text, IReadOnlyList<SeedLineChange> Changes) Apply(string seed, IEnumerable<SeedFix> fixes)
    {
        var lines = seed.Split('\n');
        var changes = new List<SeedLineChange>();
        var patterns = fixes.Select(f => (Pattern: WholeUrl(f.Url), f.Replacement)).ToList();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            foreach (var (pattern, replacement) in patterns)
            {
                line = pattern.Replace(line, replacement.Replace("$", "$$", StringComparison.Ordinal));
            }

            if (line != lines[i])
            {
                changes.Add(new SeedLineChange(i + 1, lines[i].TrimEnd('\r'), line.TrimEnd('\r')));
                lines[i] = line;
            }
        }

        return (string.Join('\n', lines), changes);
    }

    /// <summary>The 1-based line where the URL first stands in the seed, or null when it is not written as stored.</summary>
    public static int? LineOf(string seed, string url)
    {
        var match = WholeUrl(url).Match(seed);
        return match.Success ? seed.AsSpan(0, match.Index).Count('\n') + 1 : null;
    }

    // The stored URL is normalised (host lower-case, a bare host gets its "/"), so the written form may differ in the
    // host's case or that slash; a match must end where the URL does, or a longer URL with this prefix would change.
    private static Regex WholeUrl(string url)
    {
        var written = Regex.Escape(url.EndsWith('/') && new Uri(url).AbsolutePath == "/" ? url.TrimEnd('/') : url);
        var pattern = new StringBuilder(@"(?<![\w/.:%-])").Append(written);
        if (url.EndsWith('/') && new Uri(url).AbsolutePath == "/")
        {
            pattern.Append("/?");
        }

        return new Regex(pattern.Append(@"(?=[\s)>\]""'|]|$)").ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline, TimeSpan.FromSeconds(1));
    }
}
