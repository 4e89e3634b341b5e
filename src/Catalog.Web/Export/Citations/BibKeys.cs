namespace Catalog.Web.Export.Citations;

/// <summary>
/// Citation keys in the common surnameYEARfirstword form (bengio2013representation). Without authors, the host stands
/// in for the surname (arxiv2018neural, github...) so a key still says where the work lives. Keys that collide within one
/// export get a, b, c... in the order given, so the same list always yields the same keys.
/// </summary>
public static class BibKeys
{
    private static readonly HashSet<string> s_stopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "on", "of", "in", "for", "to", "and", "at", "by", "with", "from", "is", "are", "do", "does", "how", "what", "why",
    };

    public static IReadOnlyList<string> For(IReadOnlyList<CitationWork> works)
    {
        var keys = works.Select(Base).ToList();
        var counts = keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).ToDictionary(g => g.Key, _ => 0, StringComparer.Ordinal);
        var taken = keys.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (!counts.TryGetValue(keys[i], out var n))
            {
                continue;
            }

            string key;
            do
            {
                key = keys[i] + Suffix(n++);
            }
            while (!taken.Add(key));
            counts[keys[i]] = n;
            keys[i] = key;
        }

        return keys;
    }

    public static string Base(CitationWork work)
    {
        var metadata = work.Metadata;
        var who = metadata?.Authors is [var first, ..] ? Names.KeyPart(Names.Split(first).Family) : HostPart(work.Url);
        var year = metadata?.Year ?? work.Arxiv?.Year;
        var word = FirstWord(work.Title);
        var key = who + (year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "") + word;
        return key.Length == 0 || !char.IsAsciiLetter(key[0]) ? "link" + work.LinkId.ToString(System.Globalization.CultureInfo.InvariantCulture) + key : key;
    }

    // a..z, then aa, ab...: as many as a list needs.
    private static string Suffix(int n) => n < 26 ? ((char)('a' + n)).ToString() : Suffix(n / 26 - 1) + (char)('a' + n % 26);

    private static string FirstWord(string title)
    {
        // A bare link's label is its URL, whose words (https, www) say nothing: the host already stands in the key.
        if (Import.Urls.IsResource(title))
        {
            return "";
        }

        var words = title.Split([' ', '\t', '\n', '-', ':', '/', '.', ',', '(', ')', '[', ']'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => (Word: w, Key: Names.KeyPart(w)))
            .Where(w => w.Key.Length > 0)
            .ToList();
        return words.FirstOrDefault(w => !s_stopWords.Contains(w.Word)).Key ?? words.FirstOrDefault().Key ?? "";
    }

    private static string HostPart(string url)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "";
        var labels = host.Split('.').Where(l => l is not ("www" or "")).ToList();
        return Names.KeyPart(labels.Count > 1 ? labels[^2] : labels.FirstOrDefault() ?? "");
    }
}
