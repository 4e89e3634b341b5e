using Catalog.Web.Import;
using Catalog.Web.Pages.Shared;

namespace Catalog.Web.Pages;

/// <summary>
/// The topics closest to a URL that matched nothing: by the words of the path's last segment that the title shares,
/// each allowed a typo or two (edit distance), and by the edit distance between that segment and the title's slug.
/// </summary>
/// <remarks>
/// Made once per catalog version (<see cref="NotFoundTopics"/>): the titles' slugs and words are kept, each distinct
/// word once, so a miss costs the distances of its words to those words and of its segment to the slugs that could
/// come close, not a slug of every title and a distance to every word of each (40 ms of CPU a 404 at the 200x
/// catalog's 3,400 topics, for any address a crawler tries).
/// </remarks>
public sealed class TopicSuggestions
{
    private const double MinScore = 0.34;

    private const double MinWordSimilarity = 0.7;

    private readonly TopicRef[] _topics;
    private readonly string[] _slugs;
    private readonly string[] _words;
    private readonly int[][] _wordsOf;

    public TopicSuggestions(IEnumerable<TopicRef> topics)
    {
        _topics = [.. topics];
        _slugs = [.. _topics.Select(t => Slugs.From(t.Title))];
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        _wordsOf = [.. _slugs.Select(slug => Words(slug).Select(word => at.TryGetValue(word, out var i) ? i : at[word] = at.Count).ToArray())];
        _words = new string[at.Count];
        foreach (var (word, i) in at)
        {
            _words[i] = word;
        }
    }

    /// <summary>The <paramref name="count"/> best topics for <paramref name="path"/>, best first (ties in the topics' order).</summary>
    public List<TopicRef> Closest(string path, int count)
    {
        var wanted = Slugs.From(Uri.UnescapeDataString(path.TrimEnd('/').Split('/')[^1]));
        var wantedWords = Words(wanted);
        var fromWanted = new Pattern(wanted);

        // Each word asked for against each word of the titles: its similarity where it counts, else 0.
        var similar = new double[wantedWords.Length * _words.Length];
        for (var w = 0; w < wantedWords.Length; w++)
        {
            var fromWord = new Pattern(wantedWords[w]);
            for (var v = 0; v < _words.Length; v++)
            {
                if (Bound(wantedWords[w], _words[v]) >= MinWordSimilarity && fromWord.SimilarityTo(_words[v]) is var s and >= MinWordSimilarity)
                {
                    similar[w * _words.Length + v] = s;
                }
            }
        }

        var scored = new List<(int Topic, double Score)>();
        for (var t = 0; t < _topics.Length; t++)
        {
            var score = Covered(similar, wantedWords.Length, _wordsOf[t]);

            // The slug's own similarity counts where it can pass both the words' and the minimum: it is at most the
            // shorter length over the longer.
            var slug = _slugs[t];
            if (Bound(wanted, slug) is var bound && bound > score && bound >= MinScore)
            {
                score = Math.Max(score, fromWanted.SimilarityTo(slug));
            }

            if (score >= MinScore)
            {
                scored.Add((t, score));
            }
        }

        return [.. scored.OrderByDescending(t => t.Score).Take(count).Select(t => _topics[t.Topic])];
    }

    // Mostly: how much of what was asked the title covers, word by word, forgiving typos; a little: how much of the
    // title was asked for, so the tighter of two matches comes first.
    private double Covered(double[] similar, int wantedWords, int[] titleWords)
    {
        if (wantedWords == 0 || titleWords.Length == 0)
        {
            return 0;
        }

        var found = 0.0;
        for (var w = 0; w < wantedWords; w++)
        {
            var best = 0.0;
            foreach (var v in titleWords)
            {
                best = Math.Max(best, similar[w * _words.Length + v]);
            }

            found += best;
        }

        return 0.75 * found / wantedWords + 0.25 * found / titleWords.Length;
    }

    // The most a similarity can be: the distance is at least the difference of the lengths.
    private static double Bound(string a, string b) =>
        a.Length + b.Length == 0 ? 1 : (double)Math.Min(a.Length, b.Length) / Math.Max(a.Length, b.Length);

    // Short words ("and", "of") say nothing about which topic was meant; each word once, in the slug's order.
    private static string[] Words(string slug) =>
        [.. slug.Split('-').Where(w => w.Length > 3 || w.Any(c => c > 0x2E7F)).Distinct(StringComparer.Ordinal)];

    /// <summary>Levenshtein distance (<see cref="Pattern"/>).</summary>
    public static int Distance(string a, string b) => new Pattern(a).DistanceTo(b);

    /// <summary>
    /// A string whose Levenshtein distance to many others is wanted: bit-parallel (Myers, as Hyyrö writes it for whole
    /// strings) when it has at most 64 characters, one bit a character of it, the places of each of its characters
    /// found once; else from the other string's places when it has at most 64, else two rows of the table at a time.
    /// </summary>
    private sealed class Pattern
    {
        private const int Ascii = 128;

        private readonly string _text;
        private readonly ulong[] _ascii = new ulong[Ascii];
        private readonly Dictionary<char, ulong> _others = [];

        public Pattern(string text)
        {
            _text = text;
            if (text.Length > 64)
            {
                return;
            }

            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c < Ascii)
                {
                    _ascii[c] |= 1UL << i;
                }
                else
                {
                    _others[c] = _others.GetValueOrDefault(c) | 1UL << i;
                }
            }
        }

        /// <summary>1 less the distance over the longer length (1 for two empty strings).</summary>
        public double SimilarityTo(string other) =>
            _text.Length + other.Length == 0 ? 1 : 1 - (double)DistanceTo(other) / Math.Max(_text.Length, other.Length);

        public int DistanceTo(string other) =>
            _text.Length == 0 ? other.Length
            : _text.Length <= 64 ? BitParallel(other)
            : other.Length <= 64 ? new Pattern(other).DistanceTo(_text)
            : Table(_text, other);

        private int BitParallel(string other)
        {
            var (positive, negative, distance) = (ulong.MaxValue, 0UL, _text.Length);
            var last = 1UL << (_text.Length - 1);
            foreach (var c in other)
            {
                var equal = c < Ascii ? _ascii[c] : _others.GetValueOrDefault(c);
                var vertical = equal | negative;
                var horizontal = (((equal & positive) + positive) ^ positive) | equal;
                var up = negative | ~(horizontal | positive);
                var down = positive & horizontal;
                distance += (up & last) != 0 ? 1 : (down & last) != 0 ? -1 : 0;

                // The table's top row grows by one a character: a step up enters at the first place.
                up = (up << 1) | 1;
                down <<= 1;
                positive = down | ~(vertical | up);
                negative = up & vertical;
            }

            return distance;
        }
    }

    private static int Table(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
