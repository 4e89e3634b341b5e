namespace Catalog.Web.Search.Postings;

/// <summary>
/// The documents a match expression matches (places in <see cref="SearchPostings"/>, ascending) with their rank: bm25
/// as FTS5's <c>bm25()</c> computes it, the phrases summed in the order the expression writes them, negated so that
/// lower is better, as the table's <c>rank</c> column is. Ties are in rowid order, as FTS5 hands them over.
/// </summary>
public sealed class MatchSet
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly SearchPostings _postings;
    private readonly ArraySegment<int> _documents;
    private readonly IReadOnlyList<SearchPostings.Posting> _phrases;
    private readonly Rentals _rentals;
    private double[]? _scores;

    internal MatchSet(
        SearchPostings postings, ArraySegment<int> documents, IReadOnlyList<SearchPostings.Posting> postingsOfPhrases,
        IReadOnlyList<(string[] Tokens, bool IsPrefix)> phrases, Rentals rentals)
    {
        _postings = postings;
        _documents = documents;
        _phrases = postingsOfPhrases;
        _rentals = rentals;
        Phrases = phrases;
        Heads = SnippetWriter.Heads(phrases);
        var firstLink = documents.AsSpan().BinarySearch(postings.FirstLink);
        FirstLink = firstLink >= 0 ? firstLink : ~firstLink;
    }

    /// <summary>How many links match.</summary>
    public int LinkCount => _documents.Count - FirstLink;

    /// <summary>
    /// The expression's phrases as the index's tokens, in FTS5's order: what a snippet marks. A prefix is one token
    /// (the postings leave a prefix phrase of several to the database).
    /// </summary>
    public IReadOnlyList<(string[] Tokens, bool IsPrefix)> Phrases { get; }

    /// <summary>The phrases' tokens less their last letter (<see cref="SnippetWriter.Heads"/>), made once for a page's snippets, not once for each; null when a phrase has no token.</summary>
    internal SnippetWriter.WordHeads? Heads { get; }

    // Where the links begin in _documents.
    private int FirstLink { get; }

    // Scored when a rank is first asked for: which documents match and how many need no scores, and a common word's
    // scores are a large array (320 KB for 40,000 documents), rented with the match's other arrays: a new one per
    // search was a tenth of a lexical search's garbage, all of it on the large object heap.
    private double[] Scores => _scores ??= Score();

    /// <summary>Gives the match's pooled arrays back (its documents', its scores'): the search is done with it, and it must not be asked again.</summary>
    internal void Release()
    {
        _scores = null;
        _rentals.Return();
    }

    private double[] Score()
    {
        ReadOnlySpan<int> documents = _documents;
        var scores = _rentals.RentScores(documents.Length);
        Array.Clear(scores, 0, documents.Length);
        var rows = _postings.RowIds.Length;
        var norms = _postings.LengthNorms;
        foreach (var phrase in _phrases)
        {
            ReadOnlySpan<int> places = phrase.Documents;
            var frequencies = phrase.Frequencies;
            var hits = places.Length;
            var idf = Math.Log((rows - hits + 0.5) / (hits + 0.5));
            idf = idf <= 0.0 ? 1e-6 : idf;
            for (int i = 0, j = 0; i < documents.Length && j < hits;)
            {
                if (documents[i] < places[j])
                {
                    i++;
                }
                else if (documents[i] > places[j])
                {
                    j++;
                }
                else
                {
                    double f = frequencies[j];
                    scores[i] += idf * (f * (K1 + 1.0) / (f + norms[documents[i]]));
                    i++;
                    j++;
                }
            }
        }

        return scores;
    }

    /// <summary>
    /// bm25's length term of each document, <c>k1 * (1 - b + b * length / average)</c>: the same for every search of a
    /// version, so computed once, as the same expression, so the scores stay FTS5's to the last bit.
    /// </summary>
    internal static double[] LengthNorms(int[] lengths, double averageLength)
    {
        var norms = new double[lengths.Length];
        for (var i = 0; i < lengths.Length; i++)
        {
            double length = lengths[i];
            norms[i] = K1 * (1 - B + B * length / averageLength);
        }

        return norms;
    }

    public bool Contains(long rowId) => IndexOf(rowId) >= 0;

    /// <summary>The rowids of the links that match, ascending.</summary>
    public IEnumerable<long> LinkRowIds()
    {
        for (var i = FirstLink; i < _documents.Count; i++)
        {
            yield return _postings.RowIds[_documents[i]];
        }
    }

    /// <summary>
    /// Which links of <paramref name="rowIds"/> (ascending) match, with their rank, in their order. Places follow rowids,
    /// so each id is looked for only after the last one's place, galloping from there: the same-work links, 626 at 200x,
    /// were a twentieth of a search's CPU in binary searches over the whole match.
    /// </summary>
    public List<(long RowId, double Rank)> RanksOf(long[] rowIds) => RanksOf(rowIds, _postings.PlacesOf(rowIds));

    /// <summary>The same, with the ids' <paramref name="places"/> in these postings (<see cref="SearchPostings.PlacesOf"/>) looked up already: the same-work table does so once per version.</summary>
    internal List<(long RowId, double Rank)> RanksOf(long[] rowIds, int[] places)
    {
        var scores = Scores;
        var ranks = new List<(long RowId, double Rank)>();
        var from = FirstLink;
        ReadOnlySpan<int> documents = _documents;
        for (var i = 0; i < rowIds.Length && from < documents.Length; i++)
        {
            if (places[i] < 0)
            {
                continue;
            }

            var found = SortedSets.Gallop(documents, from, places[i]);
            if (found >= 0)
            {
                ranks.Add((rowIds[i], -scores[found]));
            }

            from = found >= 0 ? found + 1 : ~found;
        }

        return ranks;
    }

    private int IndexOf(long rowId)
    {
        var place = _postings.PlaceOf(rowId);
        return place < 0 ? -1 : _documents.AsSpan().BinarySearch(place);
    }

    /// <summary>
    /// The best <paramref name="count"/> links (or topics), best first, leaving out <paramref name="skipped"/>: what
    /// <c>ORDER BY rank LIMIT</c> gives.
    /// </summary>
    public List<(long RowId, double Rank)> Best(int count, bool links, IReadOnlySet<long>? skipped = null) =>
        links ? Best(count, FirstLink, _documents.Count, skipped) : Best(count, 0, FirstLink, skipped);

    /// <summary>The best <paramref name="count"/> documents of either kind, best first (of equal ranks the earlier rowid, so topics before links).</summary>
    public List<(long RowId, double Rank)> BestOfAll(int count) => Best(count, 0, _documents.Count, skipped: null);

    private List<(long RowId, double Rank)> Best(int count, int from, int to, IReadOnlySet<long>? skipped)
    {
        var scores = Scores;

        // A binary heap of the kept documents whose root is the worst kept: the lowest score, of equal scores the later
        // document. Compared inline: a heap with a comparer delegate was a tenth of a lexical search's CPU.
        var kept = new int[Math.Max(0, Math.Min(count, to - from))];
        var size = 0;
        // A skipped document is looked up only when it would be kept: most of a common word's documents never are.
        bool Skipped(int i) => skipped is not null && skipped.Contains(_postings.RowIds[_documents[i]]);
        for (var i = from; i < to && kept.Length > 0; i++)
        {
            if (size < kept.Length)
            {
                if (!Skipped(i))
                {
                    kept[size] = i;
                    SiftUp(kept, size++, scores);
                }
            }
            else if (scores[i] > scores[kept[0]] && !Skipped(i))
            {
                // Later than every kept document, so of an equal score it is the worse: it needs the higher score.
                kept[0] = i;
                SiftDown(kept, size, scores);
            }
        }

        // The worst goes to the end, one by one: the array ends best first.
        for (var end = size - 1; end > 0; end--)
        {
            (kept[0], kept[end]) = (kept[end], kept[0]);
            SiftDown(kept, end, scores);
        }

        var best = new List<(long RowId, double Rank)>(size);
        foreach (var i in kept.AsSpan(0, size))
        {
            best.Add((_postings.RowIds[_documents[i]], -scores[i]));
        }

        return best;
    }

    // Whether document x ranks below document y: a lower score, or the same score and later.
    private static bool Worse(int x, int y, double[] scores) => scores[x] < scores[y] || (scores[x] == scores[y] && x > y);

    private static void SiftUp(int[] heap, int at, double[] scores)
    {
        var item = heap[at];
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (!Worse(item, heap[parent], scores))
            {
                break;
            }

            heap[at] = heap[parent];
            at = parent;
        }

        heap[at] = item;
    }

    // Moves the root of heap[..size] down to its place.
    private static void SiftDown(int[] heap, int size, double[] scores)
    {
        var item = heap[0];
        var at = 0;
        while (true)
        {
            var child = (at << 1) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && Worse(heap[child + 1], heap[child], scores))
            {
                child++;
            }

            if (!Worse(heap[child], item, scores))
            {
                break;
            }

            heap[at] = heap[child];
            at = child;
        }

        heap[at] = item;
    }
}
