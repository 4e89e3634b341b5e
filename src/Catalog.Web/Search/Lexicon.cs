using System.Data.Common;
using Catalog.Web.Data;

namespace Catalog.Web.Search;

/// <summary>
/// What query-time repairs need to know about one version of the catalog: its words as written (folded, unstemmed,
/// with the number of documents each is in), a trigram index over them for respelling (<see cref="Typos"/>), and the
/// acronyms it defines (<see cref="Acronyms"/>), the sites it names in another script than their hosts'
/// (<see cref="SiteNames"/>), and the words it writes as one (<see cref="Compounds"/>). Built from the search index
/// after each import (<see cref="SearchLexicons"/>).
/// </summary>
public sealed class Lexicon
{
    private readonly Dictionary<string, int> _documents;
    private readonly string[] _words;
    private readonly string[] _sorted;
    private readonly Dictionary<string, int[]> _trigrams;
    private readonly Dictionary<string, string[]> _longForms;
    private readonly List<(string Acronym, string[] LongForm)> _pairs;
    private readonly Dictionary<string, List<string>> _compounds;
    private readonly Dictionary<string, string> _siteHosts;

    public Lexicon(IEnumerable<(string Word, int Documents)> words, IEnumerable<(string Acronym, string[] LongForm)> acronyms, int documents = 0,
        IReadOnlyDictionary<string, string>? siteHosts = null)
    {
        Documents = documents;
        _siteHosts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, host) in siteHosts ?? new Dictionary<string, string>())
        {
            _siteHosts.TryAdd(SearchText.Fold(name), host);
        }

        _documents = words.ToDictionary(w => w.Word, w => w.Documents, StringComparer.Ordinal);
        _words = [.. _documents.Keys.Where(w => w.Length >= Typos.MinLength - 2 && w.All(char.IsLetter))];
        _sorted = [.. _documents.Keys.Order(StringComparer.Ordinal)];
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _words.Length; i++)
        {
            foreach (var trigram in Trigrams(_words[i]))
            {
                if (!postings.TryGetValue(trigram, out var list))
                {
                    postings[trigram] = list = [];
                }

                list.Add(i);
            }
        }

        _trigrams = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _compounds = FindCompounds(_documents.Keys.Where(w => w.All(char.IsAsciiLetter)).ToHashSet(StringComparer.Ordinal));

        // The first definition wins; an acronym defined two ways is left as it is written.
        _pairs = [];
        _longForms = new(StringComparer.Ordinal);
        var conflicting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (acronym, longForm) in acronyms)
        {
            if (_longForms.TryGetValue(acronym, out var known))
            {
                if (!known.SequenceEqual(longForm))
                {
                    conflicting.Add(acronym);
                }

                continue;
            }

            _longForms[acronym] = longForm;
        }

        foreach (var acronym in conflicting)
        {
            _longForms.Remove(acronym);
        }

        _pairs.AddRange(_longForms.Select(p => (p.Key, p.Value)));
    }

    public static Lexicon Empty { get; } = new([], []);

    /// <summary>How many documents (links and topics) the catalog has.</summary>
    public int Documents { get; }

    /// <summary>In how many documents the word (folded, unstemmed) appears; 0 for a word the catalog does not have.</summary>
    public int DocumentCount(string word) => _documents.GetValueOrDefault(word);

    /// <summary>
    /// How telling it is that a document has the word (folded): bm25's inverse document frequency,
    /// ln(1 + (N - n + 0.5) / (n + 0.5)). The index matches stems, so n counts the documents of every known word
    /// that starts with the word's root (<see cref="Root"/>: "layers" counts layer, layers, layered); documents with
    /// two of them count twice, up to N. A word the catalog does not have counts as found in one document.
    /// </summary>
    public double Rarity(string word)
    {
        var total = Math.Max(Documents, 1);
        var root = Root(word);
        var from = Array.BinarySearch(_sorted, root, StringComparer.Ordinal);
        var found = 0L;
        for (var i = from < 0 ? ~from : from; i < _sorted.Length && _sorted[i].StartsWith(root, StringComparison.Ordinal); i++)
        {
            found += _documents[_sorted[i]];
        }

        var n = Math.Clamp(found, 1, total);
        return Math.Log(1 + (total - n + 0.5) / (n + 0.5));
    }

    // The word without the commonest English endings, kept at four letters or more: a cheap stand-in for the index's
    // stemmer, good enough to count a word's documents with its other forms.
    private static readonly string[] Endings = ["ations", "ation", "ings", "ing", "ies", "es", "ed", "ly", "s"];

    private static string Root(string word)
    {
        foreach (var ending in Endings)
        {
            if (word.Length - ending.Length >= 4 && word.EndsWith(ending, StringComparison.Ordinal) && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }

        return word;
    }

    /// <summary>The shortest word worth looking for inside longer ones, and the shortest other part of such a word.</summary>
    public const int CompoundPartLength = 5;

    private const int OtherPartLength = 4;

    /// <summary>
    /// Known words made of this word (folded) and another known word, written as one as hosts and paths of URLs write
    /// them: "interpretability" is in networkinterpretability.org, "topology" in /topologylayer/. Only words of at least
    /// <see cref="CompoundPartLength"/> letters are looked for, next to another of at least four.
    /// </summary>
    public IReadOnlyList<string> Compounds(string word) => _compounds.GetValueOrDefault(word) ?? (IReadOnlyList<string>)[];

    private static Dictionary<string, List<string>> FindCompounds(HashSet<string> words)
    {
        var compounds = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        void Add(string part, string compound)
        {
            if (!compounds.TryGetValue(part, out var list))
            {
                compounds[part] = list = [];
            }

            if (!list.Contains(compound))
            {
                list.Add(compound);
            }
        }

        foreach (var word in words.Where(w => w.Length >= CompoundPartLength + OtherPartLength))
        {
            for (var cut = OtherPartLength; cut <= word.Length - OtherPartLength; cut++)
            {
                var head = word.AsSpan(0, cut);
                var tail = word.AsSpan(cut);
                if (!lookup.Contains(head) || !lookup.Contains(tail))
                {
                    continue;
                }

                if (head.Length >= CompoundPartLength)
                {
                    Add(head.ToString(), word);
                }

                if (tail.Length >= CompoundPartLength)
                {
                    Add(tail.ToString(), word);
                }
            }
        }

        return compounds;
    }

    /// <summary>The long form of an acronym (folded words), or null.</summary>
    public string[]? LongForm(string acronym) => _longForms.GetValueOrDefault(SearchText.Fold(acronym));

    public IReadOnlyList<(string Acronym, string[] LongForm)> AcronymPairs => _pairs;

    /// <summary>The name of the host of a site the catalog names this way (folded) in another script (知乎: zhihu), or null.</summary>
    public string? SiteHost(string name) => _siteHosts.GetValueOrDefault(SearchText.Fold(name));

    /// <summary>Known words that share at least a third of their trigrams with the word: the few worth an edit distance.</summary>
    public IEnumerable<string> Candidates(string word)
    {
        var own = Trigrams(word).Distinct().ToList();
        var shared = new Dictionary<int, int>();
        foreach (var trigram in own)
        {
            foreach (var index in _trigrams.GetValueOrDefault(trigram) ?? [])
            {
                shared[index] = shared.GetValueOrDefault(index) + 1;
            }
        }

        var needed = Math.Max(1, own.Count / 3);
        return shared.Where(s => s.Value >= needed).Select(s => _words[s.Key]);
    }

    /// <summary>
    /// Known words that are a person's handle as URLs write it: the given name's initials (up to three of its letters,
    /// its first letter first), then the surname or, cut short as logins are, at least four letters of it
    /// ("Lars Ruthotto" ~lruthot, "Yiping Lu" ~yplu). Both names folded; a stop word is no name.
    /// </summary>
    public IEnumerable<string> Handles(string given, string surname)
    {
        if (given.Length < 2 || surname.Length < 2 || !given.All(char.IsAsciiLetter) || !surname.All(char.IsAsciiLetter)
            || Stopwords.Contains(given) || Stopwords.Contains(surname))
        {
            return [];
        }

        // Every handle holds the surname's first three letters, or ends with a surname shorter than that.
        var trigram = surname.Length >= 3 ? surname[..3] : surname + "$";
        return (_trigrams.GetValueOrDefault(trigram) ?? []).Select(i => _words[i]).Where(w => IsHandle(w, given, surname));
    }

    private const int MaxInitials = 3;

    private static bool IsHandle(string word, string given, string surname)
    {
        var shortest = Math.Min(surname.Length, 4);
        for (var cut = 1; cut <= MaxInitials && cut < given.Length && word.Length - cut >= shortest; cut++)
        {
            var initials = word.AsSpan(0, cut);
            var rest = word.AsSpan(cut);
            if (rest.Length <= surname.Length && surname.AsSpan().StartsWith(rest) && initials[0] == given[0]
                && IsSubsequence(initials, given))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSubsequence(ReadOnlySpan<char> part, string whole)
    {
        var at = 0;
        foreach (var c in whole)
        {
            if (at < part.Length && part[at] == c)
            {
                at++;
            }
        }

        return at == part.Length;
    }

    /// <summary>
    /// Reads the vocabulary and the acronyms from the search index as it is now, and pairs the site names found in the
    /// links' labels (<see cref="SiteNames.Find"/>, as <see cref="LinkCards"/> reads them) with their hosts.
    /// </summary>
    public static async Task<Lexicon> ReadAsync(DbConnection connection, IReadOnlyList<(string Url, string Name, string Host)> sites, CancellationToken ct)
    {
        var sql = ISearchDialect.Of(connection);
        var words = await connection.ListAsync(sql.Words, r => (r.GetString(0), (int)r.GetInt64(1)), ct);

        // How many documents write each site name (segmented, as the index keeps Chinese text).
        var written = sites.Select(s => s.Name).Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var segmented = written.Keys.Select(n => (Name: n, Text: SearchText.Segment(n))).ToArray();
        var acronyms = new List<(string, string[])>();
        var documents = 0;
        await using (var command = connection.Command(sql.DocumentTexts))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                documents++;
                var text = reader.GetString(0);
                if (text.Contains('(', StringComparison.Ordinal))
                {
                    acronyms.AddRange(Acronyms.Find(SearchText.Unsegment(text)));
                }

                foreach (var (name, segment) in segmented)
                {
                    written[name] += text.Contains(segment, StringComparison.Ordinal) ? 1 : 0;
                }
            }
        }

        return new Lexicon(words, acronyms, documents, SiteNames.Pair(sites, name => written[name]));
    }

    private static IEnumerable<string> Trigrams(string word)
    {
        var padded = "^" + word + "$";
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            yield return padded.Substring(i, 3);
        }
    }
}
