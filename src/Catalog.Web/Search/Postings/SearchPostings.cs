using System.Buffers;
using System.Collections.Concurrent;
using System.Data.Common;
using Catalog.Web.Data;
using Microsoft.Data.Sqlite;

namespace Catalog.Web.Search.Postings;

/// <summary>
/// The FTS5 index's postings of one catalog version, in memory (docs/search.md, "In-memory postings"): each term (a
/// stem, as the index holds it) with the documents it is in and its count there, weighted by column as the table's
/// rank weighs them. <see cref="Evaluate"/> answers a match expression with the documents it matches and their bm25,
/// computed as FTS5's bm25 computes it, so the order is the database's to the last bit: SQLite would otherwise score
/// every matching document for each query (46 ms for "deep learning" at the 200x catalog, against about 1 ms here).
/// Read from the database through <c>fts5vocab</c>, so the terms are FTS5's own; a query's words are made terms by
/// the index's own tokenizer (<see cref="IndexTokenizer"/>). The documents' text is kept too (as UTF-8, about 10 MB at
/// 200x), for the page's snippets: reading a page's rows back from the index was a statement of every search, and
/// its random reads of the file a good part of that statement's cost. So are the terms' positions, for phrases of
/// several words (a catalog acronym's long form, a run of Chinese): FTS5 took tens of milliseconds for each question
/// about one at 200x. SQLite only: PostgreSQL ranks in its own way.
/// </summary>
public sealed class SearchPostings
{
    /// <summary>The rank's column weights: title, quote, body, URL words (the SearchByResult migration's bm25).</summary>
    private static readonly int[] s_weights = [10, 4, 3, 1];

    private const string NumberOfColumn = "CASE col WHEN 'title' THEN 0 WHEN 'quote' THEN 1 WHEN 'body' THEN 2 ELSE 3 END";

    // A position is its column's number in the top two bits and the token's offset in that column below them, so the
    // next token of a phrase is at the next position; 16 bits each, as is a document's count of a term's instances.
    private const int ColumnShift = 14;
    private const int MaxOffset = (1 << ColumnShift) - 1;

    /// <summary>How many documents the postings of phrases kept for the version may hold together (two ints each: 8 MB).</summary>
    public const int PhraseBudget = 1 << 20;

    private readonly string[] _terms;
    private readonly Posting[] _postings;
    private readonly Positions[] _positions;

    // False when a column is longer than a position can say (or a term more often in a document than a count can, or
    // the index listed a document's instances out of order): phrases of several words then go to FTS5.
    private readonly bool _positionsKept;
    private readonly IndexTokenizer _tokenizer;

    // Each document's columns at place * ColumnCount + column.
    private readonly PackedText _columns;

    // The postings of phrases of several tokens, by their tokens joined by spaces: a catalog acronym's long form or a
    // run of Chinese comes back search after search, and following its tokens' positions through every document that
    // has them all was most of such a search's work (~1 ms at 200x). Past the budget the kept phrases start over.
    private readonly ConcurrentDictionary<string, Posting> _phrases = new(StringComparer.Ordinal);
    private readonly Lock _phrasesGate = new();
    private readonly int _phraseBudget;
    private int _phraseDocuments;

    // A document's place by its rowid: links by id, topics by -rowid; -1 where there is none.
    private readonly int[] _linkPlaces;
    private readonly int[] _topicPlaces;

    /// <summary>The index's columns: title, quote, body, URL words.</summary>
    internal const int ColumnCount = 4;

    private SearchPostings(
        long[] rowIds, PackedText columns, int[] lengths, string[] terms, Posting[] postings, Positions[] positions, bool positionsKept,
        IndexTokenizer tokenizer, int phraseBudget)
    {
        _phraseBudget = phraseBudget;
        _columns = columns;
        RowIds = rowIds;
        LengthNorms = MatchSet.LengthNorms(lengths, rowIds.Length == 0 ? 0 : (double)lengths.Sum(l => (long)l) / rowIds.Length);
        FirstLink = Array.FindIndex(rowIds, id => id > 0) is var first and >= 0 ? first : rowIds.Length;
        _terms = terms;
        _postings = postings;
        _positions = positions;
        _positionsKept = positionsKept;
        _tokenizer = tokenizer;
        Snippets = new SnippetWriter(tokenizer);
        _linkPlaces = NoPlaces(rowIds.Length == FirstLink ? 0 : rowIds[^1]);
        _topicPlaces = NoPlaces(FirstLink == 0 ? 0 : -rowIds[0]);
        for (var place = 0; place < rowIds.Length; place++)
        {
            if (rowIds[place] > 0)
            {
                _linkPlaces[rowIds[place]] = place;
            }
            else
            {
                _topicPlaces[-rowIds[place]] = place;
            }
        }
    }

    /// <summary>Snippets of this version's documents, written in memory (each word's stem is remembered per version).</summary>
    public SnippetWriter Snippets { get; }

    private static int[] NoPlaces(long maxId)
    {
        var places = new int[maxId + 1];
        Array.Fill(places, -1);
        return places;
    }

    /// <summary>The document's place, or -1 when the index has no document with this rowid.</summary>
    internal int PlaceOf(long rowId)
    {
        var (places, id) = rowId > 0 ? (_linkPlaces, rowId) : (_topicPlaces, -rowId);
        return id < places.Length ? places[id] : -1;
    }

    /// <summary>The places of ascending <paramref name="rowIds"/> (-1 for none), checked to ascend.</summary>
    internal int[] PlacesOf(long[] rowIds)
    {
        var places = new int[rowIds.Length];
        for (var i = 0; i < rowIds.Length; i++)
        {
            if (i > 0 && rowIds[i] <= rowIds[i - 1])
            {
                throw new ArgumentException("The rowids are not in ascending order.", nameof(rowIds));
            }

            places[i] = PlaceOf(rowIds[i]);
        }

        return places;
    }

    /// <summary>
    /// The snippet of the document with this rowid for <paramref name="matches"/> (<see cref="SnippetWriter.Write(MatchSet, IReadOnlyList{string})"/>),
    /// written from its kept text, with the lists and buffers of <paramref name="scratch"/> (a page's snippets share one);
    /// null when there is no such document or the writer leaves it to the database.
    /// </summary>
    internal string? SnippetOf(MatchSet matches, long rowId, SnippetWriter.Scratch scratch) =>
        PlaceOf(rowId) is var place and >= 0 ? Snippets.Write(matches, _columns, place * ColumnCount, ColumnCount, scratch) : null;

    /// <summary>The columns of the document with this rowid (title, quote, body, URL words), as indexed; null when there is none.</summary>
    internal string[]? ColumnsOf(long rowId)
    {
        if (PlaceOf(rowId) is var place && place < 0)
        {
            return null;
        }

        var columns = new string[ColumnCount];
        for (var column = 0; column < ColumnCount; column++)
        {
            columns[column] = _columns[place * ColumnCount + column];
        }

        return columns;
    }

    /// <summary>The documents' rowids (links positive, topics negative), ascending; a document is its place here.</summary>
    internal long[] RowIds { get; }

    /// <summary>Each document's length term of bm25 (<see cref="MatchSet.LengthNorms"/>), from its length in tokens, all columns together (FTS5's bm25 normalises by the whole row).</summary>
    internal double[] LengthNorms { get; }

    /// <summary>The first link's place: topics come before it.</summary>
    internal int FirstLink { get; }

    public int Terms => _terms.Length;

    public long Count => _postings.Sum(p => (long)p.Documents.Count);

    /// <summary>
    /// One term's documents (places, ascending) and its weighted count in each: the sum over its occurrences of the
    /// column's weight, FTS5's "f(qi, D)". The first <c>length</c> places of its arrays: a prefix's merged posting is
    /// written into arrays rented for the search, longer than it.
    /// </summary>
    internal readonly struct Posting(int[] documents, int[] frequencies, int length)
    {
        public Posting(int[] documents, int[] frequencies)
            : this(documents, frequencies, documents.Length)
        {
        }

        public ArraySegment<int> Documents => new(documents, 0, length);

        public ReadOnlySpan<int> Frequencies => new(frequencies, 0, length);
    }

    /// <summary>
    /// Where one term stands in the documents of its posting, in their order: the i-th document's <c>Counts[i]</c>
    /// positions, ascending, follow the earlier documents' in <c>Values</c>. No index of where each document's begin:
    /// a phrase walks the postings in order and adds the counts up as it goes (4.7 MB at 200x, against 9.5 with one).
    /// </summary>
    private readonly record struct Positions(ushort[] Counts, ushort[] Values);

    /// <summary>Reads the index's postings, or null when the catalog is not on SQLite.</summary>
    public static Task<SearchPostings?> ReadAsync(DbConnection connection, IndexTokenizer tokenizer, CancellationToken ct) =>
        ReadAsync(connection, tokenizer, PhraseBudget, ct);

    /// <summary>As <see cref="ReadAsync(DbConnection, IndexTokenizer, CancellationToken)"/>, keeping phrases' postings of at most <paramref name="phraseBudget"/> documents together.</summary>
    internal static async Task<SearchPostings?> ReadAsync(DbConnection connection, IndexTokenizer tokenizer, int phraseBudget, CancellationToken ct)
    {
        if (connection is not SqliteConnection)
        {
            return null;
        }

        await connection.ScalarAsync("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances USING fts5vocab(main, 'search_index', 'instance')", ct);
        var columns = new PackedText.Builder();
        var rowIds = (await connection.ListAsync("SELECT rowid, title, quote, body, urlwords FROM search_index ORDER BY rowid", r =>
        {
            for (var column = 1; column <= ColumnCount; column++)
            {
                columns.Add(r.GetString(column));
            }

            return r.GetInt64(0);
        }, ct)).ToArray();
        var lengths = new int[rowIds.Length];
        var terms = new List<string>();
        var postings = new List<Posting>();
        var positions = new List<Positions>();
        var documents = new List<int>();
        var frequencies = new List<int>();
        var counts = new List<ushort>();
        var values = new List<ushort>();
        var positionsKept = true;

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT term, doc, {NumberOfColumn}, offset FROM temp.search_instances";
        await using var reader = await command.ExecuteReaderAsync(ct);
        string? term = null;
        var lastRowId = long.MinValue;
        var place = -1;
        while (await reader.ReadAsync(ct))
        {
            var rowId = reader.GetInt64(1);
            var text = reader.GetString(0);
            if (!string.Equals(text, term, StringComparison.Ordinal))
            {
                Flush();
                term = text;
                lastRowId = long.MinValue;
            }

            if (rowId != lastRowId)
            {
                place = Array.BinarySearch(rowIds, rowId);
                documents.Add(place);
                frequencies.Add(0);
                counts.Add(0);
                lastRowId = rowId;
            }

            var (column, offset) = (reader.GetInt32(2), reader.GetInt32(3));
            frequencies[^1] += s_weights[column];
            var position = (ushort)(column << ColumnShift | Math.Min(offset, MaxOffset));

            // The vocabulary table lists a document's instances by column and offset, which a phrase's binary searches
            // need: checked as they come rather than sorted.
            positionsKept &= offset <= MaxOffset && counts[^1] < ushort.MaxValue && (counts[^1] == 0 || values[^1] < position);
            values.Add(position);
            counts[^1]++;
            lengths[place]++;
        }

        Flush();

        // fts5vocab orders terms as FTS5 does (bytes of UTF-8); binary search here compares as .NET does.
        var order = Enumerable.Range(0, terms.Count).ToArray();
        Array.Sort(terms.ToArray(), order, StringComparer.Ordinal);
        return new SearchPostings(
            rowIds, columns.Build(), lengths, [.. order.Select(i => terms[i])], [.. order.Select(i => postings[i])], [.. order.Select(i => positions[i])],
            positionsKept, tokenizer, phraseBudget);

        void Flush()
        {
            if (term is not null)
            {
                terms.Add(term);
                postings.Add(new Posting([.. documents], [.. frequencies]));
                positions.Add(new Positions([.. counts], [.. values]));
            }

            documents.Clear();
            frequencies.Clear();
            counts.Clear();
            values.Clear();
        }
    }

    /// <summary>
    /// The documents <paramref name="expression"/> matches, with their bm25; null when these postings cannot answer it
    /// as FTS5 would (a prefix phrase of several words, an expression the app does not write), and the database must.
    /// </summary>
    public MatchSet? Evaluate(string expression)
    {
        if (MatchExpression.Parse(expression) is not { } tree)
        {
            return null;
        }

        if (!RanksByPresence(tree, underOr: false))
        {
            return null;
        }

        var rentals = new Rentals();
        var phrases = new Dictionary<MatchExpression.Phrase, (Posting Posting, string[] Tokens)>();
        var ordered = tree.Phrases().ToList();
        foreach (var phrase in ordered)
        {
            if (!phrases.ContainsKey(phrase))
            {
                if (PostingOf(phrase, rentals) is not { } found)
                {
                    rentals.Return();
                    return null;
                }

                phrases[phrase] = found;
            }
        }

        var matched = Documents(tree, phrases, rentals);
        return new MatchSet(this, matched, [.. ordered.Select(p => phrases[p].Posting)], [.. ordered.Select(p => (phrases[p].Tokens, p.IsPrefix))], rentals);
    }

    // A phrase of one token: that term's posting; a prefix: the postings of every term it begins, summed by document;
    // several tokens: where they stand one after another. With its tokens, which a snippet marks.
    private (Posting Posting, string[] Tokens)? PostingOf(MatchExpression.Phrase phrase, Rentals rentals)
    {
        var tokens = _tokenizer.Tokens(phrase.Text);
        if (tokens.Length > 1 && !phrase.IsPrefix)
        {
            return _positionsKept ? (PhrasePosting(tokens), tokens) : null;
        }

        if (TermsOf(tokens, phrase.IsPrefix) is not var (token, first, last))
        {
            return null;
        }

        return ((last - first) switch
        {
            0 => new Posting([], []),
            1 => _postings[first],
            _ => Merge(_postings.AsSpan(first, last - first), rentals),
        }, [token]);
    }

    // The phrase's one token and the range of _terms it matches: its term, or every term it is a prefix of; null for
    // a prefix of several tokens or none.
    private (string Token, int First, int Last)? TermsOf(string[] tokens, bool isPrefix)
    {
        if (tokens is not [var token])
        {
            return null;
        }

        var first = Array.BinarySearch(_terms, token, StringComparer.Ordinal);
        if (!isPrefix)
        {
            return first >= 0 ? (token, first, first + 1) : (token, 0, 0);
        }

        first = first >= 0 ? first : ~first;
        var last = first;
        while (last < _terms.Length && _terms[last].StartsWith(token, StringComparison.Ordinal))
        {
            last++;
        }

        return (token, first, last);
    }

    /// <summary>How many phrases of several tokens the version keeps the postings of.</summary>
    internal int KeptPhrases => _phrases.Count;

    // A phrase's posting, kept (read only: a search's arrays go back to the pool, these never do).
    private Posting PhrasePosting(string[] tokens)
    {
        var key = string.Join(' ', tokens);
        if (_phrases.TryGetValue(key, out var kept))
        {
            return kept;
        }

        var posting = Consecutive(tokens);
        lock (_phrasesGate)
        {
            if (_phraseDocuments + posting.Documents.Count > _phraseBudget)
            {
                _phrases.Clear();
                _phraseDocuments = 0;
            }

            if (posting.Documents.Count <= _phraseBudget && _phrases.TryAdd(key, posting))
            {
                _phraseDocuments += posting.Documents.Count;
            }
        }

        return posting;
    }

    // The documents where the tokens stand one after another in one column, each with its instances counted as FTS5's
    // bm25 counts a phrase's: its column's weight for each place the first token begins one (overlapping ones too).
    // The rarest token's documents are walked, the others' postings followed along them.
    private Posting Consecutive(string[] tokens)
    {
        var terms = new int[tokens.Length];
        for (var k = 0; k < tokens.Length; k++)
        {
            terms[k] = Array.BinarySearch(_terms, tokens[k], StringComparer.Ordinal);
            if (terms[k] < 0)
            {
                return new Posting([], []);
            }
        }

        var rarest = terms.MinBy(t => _postings[t].Documents.Count);
        ReadOnlySpan<int> candidates = _postings[rarest].Documents;
        var (documents, frequencies) = (ArrayPool<int>.Shared.Rent(candidates.Length), ArrayPool<int>.Shared.Rent(candidates.Length));
        try
        {
            // Each term's cursor: its place in the term's posting, and where that document's positions begin.
            var (at, from) = (new int[tokens.Length], new int[tokens.Length]);
            var found = 0;
            foreach (var document in candidates)
            {
                if (InAll(terms, at, from, document) && Instances(terms, at, from) is var weight and > 0)
                {
                    documents[found] = document;
                    frequencies[found++] = weight;
                }
            }

            return new Posting(documents.AsSpan(0, found).ToArray(), frequencies.AsSpan(0, found).ToArray());
        }
        finally
        {
            ArrayPool<int>.Shared.Return(documents);
            ArrayPool<int>.Shared.Return(frequencies);
        }
    }

    // Moves each term's cursor to the document (its postings ascend, as the candidates do); true when every term has it.
    private bool InAll(int[] terms, int[] at, int[] from, int document)
    {
        for (var k = 0; k < terms.Length; k++)
        {
            ReadOnlySpan<int> places = _postings[terms[k]].Documents;
            var counts = _positions[terms[k]].Counts;
            while (at[k] < places.Length && places[at[k]] < document)
            {
                from[k] += counts[at[k]++];
            }

            if (at[k] == places.Length || places[at[k]] != document)
            {
                return false;
            }
        }

        return true;
    }

    // The weighted count of the phrase's instances in the document the cursors stand at.
    private int Instances(int[] terms, int[] at, int[] from)
    {
        ReadOnlySpan<ushort> Of(int k) => _positions[terms[k]].Values.AsSpan(from[k], _positions[terms[k]].Counts[at[k]]);

        var weight = 0;
        foreach (var start in Of(0))
        {
            var whole = true;
            for (var k = 1; k < terms.Length && whole; k++)
            {
                whole = (start & MaxOffset) + k <= MaxOffset && Of(k).BinarySearch((ushort)(start + k)) >= 0;
            }

            weight += whole ? s_weights[start >> ColumnShift] : 0;
        }

        return weight;
    }

    // Summed by document in one array as long as the index, then read back in order: linear in the postings and the
    // documents. Every array is pooled: each would be a large object for a common prefix.
    private Posting Merge(ReadOnlySpan<Posting> postings, Rentals rentals)
    {
        var sums = ArrayPool<int>.Shared.Rent(RowIds.Length);
        Array.Clear(sums, 0, RowIds.Length);
        try
        {
            var documents = 0;
            foreach (var posting in postings)
            {
                ReadOnlySpan<int> places = posting.Documents;
                var frequencies = posting.Frequencies;
                for (var i = 0; i < places.Length; i++)
                {
                    documents += sums[places[i]] == 0 ? 1 : 0;
                    sums[places[i]] += frequencies[i];
                }
            }

            var (merged, counts) = (rentals.Rent(documents), rentals.Rent(documents));
            for (int place = 0, n = 0; n < documents; place++)
            {
                if (sums[place] > 0)
                {
                    merged[n] = place;
                    counts[n++] = sums[place];
                }
            }

            return new Posting(merged, counts, documents);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sums);
        }
    }

    // FTS5 counts a phrase's occurrences in a row when the phrase's own iterator stands at that row: every phrase a
    // matching row holds, as counted here, unless an AND or NOT under an OR failed at the row and moved its phrases
    // on. The app never writes one; such an expression goes to FTS5.
    private static bool RanksByPresence(MatchExpression expression, bool underOr) => expression switch
    {
        MatchExpression.Phrase => true,
        MatchExpression.Or or => or.Operands.All(o => RanksByPresence(o, underOr: true)),
        MatchExpression.And and => !underOr && and.Operands.All(o => RanksByPresence(o, underOr)),
        MatchExpression.Not not => !underOr && RanksByPresence(not.Left, underOr) && RanksByPresence(not.Right, underOr),
        _ => false,
    };

    private static ArraySegment<int> Documents(
        MatchExpression expression, Dictionary<MatchExpression.Phrase, (Posting Posting, string[] Tokens)> phrases, Rentals rentals) => expression switch
    {
        MatchExpression.Phrase phrase => phrases[phrase].Posting.Documents,
        MatchExpression.And and => and.Operands.Select(o => Documents(o, phrases, rentals)).Aggregate((l, r) => SortedSets.Intersect(l, r, rentals)),
        MatchExpression.Or or => or.Operands.Select(o => Documents(o, phrases, rentals)).Aggregate((l, r) => SortedSets.Union(l, r, rentals)),
        MatchExpression.Not not => SortedSets.Except(Documents(not.Left, phrases, rentals), Documents(not.Right, phrases, rentals), rentals),
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };
}
