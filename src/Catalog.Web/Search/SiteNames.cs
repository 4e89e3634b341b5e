namespace Catalog.Web.Search;

/// <summary>
/// Sites the catalog names in a script their host does not write: a label copied from a page's title ends with the
/// site's name after a dash ("2018…研讨会 - 凌泽南的文章 - 知乎") on a link whose host spells the site in Latin letters
/// (zhuanlan.zhihu.com). The name then also finds the site's other links, which are often bare URLs
/// (<see cref="SearchPlan"/>), as an acronym finds its long form.
/// </summary>
public static class SiteNames
{
    private static readonly string[] Separators = [" - ", " – ", " — ", " | "];

    // Second-level domains under a country's: the site is the label before them (pku.edu.cn, ox.ac.uk).
    private static readonly HashSet<string> SecondLevel = new(["ac", "co", "com", "edu", "gov", "net", "org"], StringComparer.Ordinal);

    private const int MaxNameLength = 8;

    /// <summary>The site name that ends the label, as written, and the name of the URL's host, or null when the label ends with no such name.</summary>
    public static (string Name, string Host)? Find(string label, string url)
    {
        // The last separator in the label (this runs for every mention each time a version is read: nothing allocated).
        var (at, length) = (-1, 0);
        foreach (var separator in Separators)
        {
            if (label.LastIndexOf(separator, StringComparison.Ordinal) is var found && found > at)
            {
                (at, length) = (found, separator.Length);
            }
        }

        if (at <= 0)
        {
            return null;
        }

        var name = label[(at + length)..].Trim();
        if (name.Length is 0 or > MaxNameLength || !name.All(char.IsLetter) || name.Any(IsLatin) || HostName(url) is not { } host)
        {
            return null;
        }

        return (name, host);
    }

    /// <summary>
    /// The names that can stand for their hosts, each with its host's name: a name found on one host only, a host named
    /// one way only (or in forms that all hold the shortest, as 知乎 and 知乎专栏 do), and the name written mostly as the
    /// site's name, in at most twice as many documents (<paramref name="documentsWith"/>) as there are links it names. A
    /// word of the subject that once ends a title, as 协同过滤 (collaborative filtering) does on an ibm.com page, is
    /// written elsewhere too, or shares its host with another name that does not hold it (聚类).
    /// </summary>
    public static Dictionary<string, string> Pair(IEnumerable<(string Url, string Name, string Host)> found, Func<string, int> documentsWith)
    {
        var links = found.DistinctBy(f => (f.Url, f.Name)).ToList();
        var hostsOfName = links.ToLookup(f => f.Name, f => f.Host, StringComparer.Ordinal);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in links.GroupBy(f => f.Host, StringComparer.Ordinal))
        {
            var names = host.Select(f => f.Name).Distinct(StringComparer.Ordinal).ToList();
            var shortest = names.MinBy(n => n.Length)!;
            if (!names.All(n => n.Contains(shortest, StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var name in names)
            {
                var named = host.Count(f => f.Name.Contains(name, StringComparison.Ordinal));
                if (hostsOfName[name].Distinct(StringComparer.Ordinal).Count() == 1 && documentsWith(name) <= 2 * named)
                {
                    pairs[name] = host.Key;
                }
            }
        }

        return pairs;
    }

    /// <summary>The name of the site a URL's host belongs to: zhihu for zhuanlan.zhihu.com, pku for www.pku.edu.cn.</summary>
    public static string? HostName(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        var labels = uri.IdnHost.Split('.');
        var end = labels.Length - 1;
        if (end >= 2 && labels[end].Length == 2 && SecondLevel.Contains(labels[end - 1]))
        {
            end--;
        }

        return end >= 1 && labels[end - 1] is { Length: >= 2 } name && name.All(char.IsAsciiLetterLower) ? name : null;
    }

    private static bool IsLatin(char c) => c < '\u0250' || c is >= '\u1E00' and <= '\u1EFF';
}
