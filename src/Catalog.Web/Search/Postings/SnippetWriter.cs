using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Catalog.Web.Search.Postings;

/// <summary>
/// FTS5's snippet() (fts5_aux.c) in memory, for the documents of one page: the same window of
/// <see cref="WindowTokens"/> tokens in the same column, chosen by the same scores (a thousand for each phrase's first
/// instance in it, one for each further one, a sentence's start preferred), the same marks and ellipses. A page then
/// takes its documents' text from the postings (<see cref="SearchPostings.ColumnsOf"/>) instead of running its match through the index again (with a prefix, a pass over
/// every document of every term it begins). Tokens are found as unicode61 finds them and stemmed by the index's own
/// tokenizer (<see cref="IndexTokenizer"/>, each word once per version). The phrases are the match's, as the postings
/// evaluated it (<see cref="MatchSet.Phrases"/>: an expression they cannot answer has no snippet here either); an
/// instance of a phrase of several tokens (a catalog acronym's long form, a quoted title, a run of Chinese) is where its
/// tokens stand one after another, marked from its first to its last, as FTS5 marks it. A text
/// with characters outside the scripts whose tokens are checked here (Latin, Greek, Cyrillic, CJK) gets null, and the
/// database writes that snippet.
/// </summary>
public sealed class SnippetWriter(IndexTokenizer tokenizer)
{
    /// <summary>The snippet's length in tokens (snippet()'s last argument).</summary>
    public const int WindowTokens = 16;

    public const char Ellipsis = '…';

    // The most values of a search's size (its phrases, its longest phrase's tokens) kept on the stack.
    private const int StackLimit = 128;

    // A word's stem, or null when the index's tokenizer does not make it one token.
    private readonly ConcurrentDictionary<string, string?> _stems = new(StringComparer.Ordinal);

    /// <summary>
    /// The snippet, for the match <paramref name="matches"/>, of a document whose columns are <paramref name="columns"/>
    /// (title, quote, body, URL words), with <see cref="SearchText.MarkStart"/> and <see cref="SearchText.MarkEnd"/>
    /// around its phrases; null when a column holds a character whose tokenization is not checked here.
    /// </summary>
    public string? Write(MatchSet matches, IReadOnlyList<string> columns) => Write(matches, columns, new Scratch());

    /// <summary>The same, with the lists and buffers of <paramref name="scratch"/>, which snippets written one after another share.</summary>
    internal string? Write(MatchSet matches, IReadOnlyList<string> columns, Scratch scratch)
    {
        var packed = new PackedText.Builder();
        foreach (var column in columns)
        {
            packed.Add(column);
        }

        return Write(matches, packed.Build(), 0, columns.Count, scratch);
    }

    /// <summary>The snippet of the document whose columns are the <paramref name="count"/> texts of <paramref name="text"/> from <paramref name="first"/> on.</summary>
    /// <remarks>
    /// The columns are read as the UTF-8 they are kept in: one pass over each keeps only what the choice of a window
    /// needs (the column's size in tokens and the phrases' instances, each with its sentence's first token and where the
    /// scan can begin again for a window that holds it), and only the chosen window is made a string. A document listed
    /// under hundreds of topics holds thousands of tokens; a list of them all was most of a search's garbage, and
    /// decoding every column a page's largest cost after scanning them.
    /// </remarks>
    internal string? Write(MatchSet matches, PackedText text, int first, int count, Scratch scratch)
    {
        var phrases = matches.Phrases;
        var heads = matches.Heads;
        var longest = 1;
        for (var phrase = 0; phrase < phrases.Count; phrase++)
        {
            longest = Math.Max(longest, phrases[phrase].Tokens.Length);
        }

        Span<int> sizes = stackalloc int[count];
        var instances = scratch.Instances;
        instances.Clear();
        Span<char> buffer = stackalloc char[128];

        // By position modulo their length, for the last positions: where the scan for each began, and the first token of
        // its sentence (enough of them for the window before a phrase's first token, found at its last); the stems of the
        // last tokens (null for a word no phrase begins with), for phrases of several.
        var history = WindowTokens + longest;
        Span<int> recent = history <= StackLimit ? stackalloc int[history] : new int[history];
        Span<Resume> sentences = longest == 1 ? default : history <= StackLimit ? stackalloc Resume[history] : new Resume[history];
        var stems = longest > 1 ? new string?[longest] : null;
        for (var column = 0; column < count; column++)
        {
            var bytes = text.Bytes(first + column);
            var sentence = new Resume(0, 0);
            var (position, columnInstances, ordered) = (0, instances.Count, true);
            for (var i = 0; ; position++)
            {
                recent[position % history] = i;
                var scan = Next(bytes, ref i, out var start, out var ascii);
                if (scan == Scan.End)
                {
                    break;
                }

                if (scan == Scan.Unchecked)
                {
                    return null;
                }

                if (StartsSentence(bytes, start, position))
                {
                    sentence = new Resume(position, recent[position % history]);
                }

                if (stems is not null)
                {
                    sentences[position % history] = sentence;
                    stems[position % longest] = null;
                }

                if (ascii && heads is not null && !heads.BeginOne(bytes[start..i]))
                {
                    continue;
                }

                var word = bytes[start..i];
                var chars = word.Length <= buffer.Length ? buffer : new char[word.Length];
                if (StemOf(chars[..Encoding.UTF8.GetChars(word, chars)]) is not { } stem)
                {
                    return null;
                }

                if (stems is not null)
                {
                    stems[position % longest] = stem;
                }

                for (var phrase = 0; phrase < phrases.Count; phrase++)
                {
                    var (tokens, isPrefix) = phrases[phrase];
                    if (tokens.Length == 1)
                    {
                        if (isPrefix ? stem.StartsWith(tokens[0], StringComparison.Ordinal) : stem == tokens[0])
                        {
                            instances.Add(new Instance(column, position, phrase, sentence, Back(recent, position)));
                        }
                    }
                    else if (stem == tokens[^1] && position + 1 >= tokens.Length && EndsHere(stems!, tokens, position))
                    {
                        // An instance stands at its first token: found at its last, it goes before those found since.
                        var at = position + 1 - tokens.Length;
                        instances.Add(new Instance(column, at, phrase, sentences[at % history], Back(recent, at)));
                        ordered = false;
                    }
                }
            }

            if (!ordered)
            {
                CollectionsMarshal.AsSpan(instances)[columnInstances..].Sort(static (a, b) =>
                    a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Phrase.CompareTo(b.Phrase));
            }

            sizes[column] = position;
        }

        Span<int> lengths = phrases.Count <= StackLimit ? stackalloc int[phrases.Count] : new int[phrases.Count];
        for (var phrase = 0; phrase < phrases.Count; phrase++)
        {
            lengths[phrase] = phrases[phrase].Tokens.Length;
        }

        var (bestColumn, bestStart, resume) = BestWindow(lengths, sizes, instances);
        Span<(int Start, int End)> room = stackalloc (int, int)[WindowTokens];
        var window = Window(text.Bytes(first + bestColumn), bestStart, resume, sizes[bestColumn], room, scratch, out var best);
        return Highlight(best, window, bestStart, sizes[bestColumn], instances, bestColumn, lengths, scratch);
    }

    /// <summary>
    /// What snippets written one after another share (a page's twenty, on one thread): the instances' and spans' lists,
    /// the window's text and the highlight's builder. New for each snippet they were a third of what a search allocated
    /// (the benchmarks' README), every byte of it work for the collector.
    /// </summary>
    internal sealed class Scratch
    {
        public readonly List<Instance> Instances = [];
        public readonly List<(int Start, int End)> Spans = [];
        public readonly StringBuilder Builder = new(256);
        private char[] _text = new char[256];

        /// <summary>The text of UTF-8 <paramref name="bytes"/>, in a buffer good until the next call.</summary>
        public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes)
        {
            // A character of UTF-8 is at least a byte (a pair of surrogates four, an invalid byte a replacement each).
            if (_text.Length < bytes.Length)
            {
                _text = new char[Math.Max(bytes.Length, 2 * _text.Length)];
            }

            return _text.AsSpan(0, Encoding.UTF8.GetChars(bytes, _text));
        }
    }

    // Where a window that ends at the token at position can begin its scan: WindowTokens - 1 tokens before it.
    private static Resume Back(ReadOnlySpan<int> recent, int position)
    {
        var back = Math.Max(0, position - (WindowTokens - 1));
        return new Resume(back, recent[back % recent.Length]);
    }

    // Whether the tokens before the last one (which the caller has matched at position) stand right before it.
    private static bool EndsHere(string?[] stems, string[] tokens, int position)
    {
        var at = position + 1 - tokens.Length;
        for (var k = 0; k < tokens.Length - 1; k++)
        {
            if (stems[(at + k) % stems.Length] != tokens[k])
            {
                return false;
            }
        }

        return true;
    }

    // A place the scan of a column can start again from: a token's position and the byte its scan began at.
    internal readonly record struct Resume(int Position, int Byte);

    // One instance of a phrase; with the first token of its sentence (fts5SentenceFinderCb's) and the token
    // WindowTokens - 1 before it, from where any window that begins with it, centred or not, can be found again.
    internal readonly record struct Instance(int Column, int Position, int Phrase, Resume Sentence, Resume Back);

    private enum Scan
    {
        Token,
        End,
        Unchecked,
    }

    // fts5SnippetFunction's search: for each instance, the window around it and the window from its sentence's start.
    // A column without instances has no window to score. The instances are in (column, position) order.
    private static (int Column, int Start, Resume From) BestWindow(ReadOnlySpan<int> lengths, ReadOnlySpan<int> sizes, List<Instance> instances)
    {
        var (bestColumn, bestStart, bestScore, from) = (0, 0, 0, new Resume(0, 0));
        Span<bool> seen = lengths.Length <= 64 ? stackalloc bool[lengths.Length] : new bool[lengths.Length];
        foreach (var instance in instances)
        {
            var column = instance.Column;
            var size = sizes[column];
            seen.Clear();
            var (score, adjusted) = Score(instances, lengths, seen, column, instance.Position, size);
            if (score > bestScore)
            {
                (bestColumn, bestStart, bestScore, from) = (column, adjusted, score, instance.Back);
            }

            var sentence = instance.Sentence;
            if (size > WindowTokens && sentence.Position < instance.Position)
            {
                seen.Clear();
                var (fromSentence, _) = Score(instances, lengths, seen, column, sentence.Position, size);
                fromSentence += sentence.Position == 0 ? 120 : 100;
                if (fromSentence > bestScore)
                {
                    (bestColumn, bestStart, bestScore, from) = (column, sentence.Position, fromSentence, sentence);
                }
            }
        }

        return (bestColumn, bestStart, from);
    }

    // fts5SnippetScore: the window's score and its start moved to centre its instances (from the first one's first token
    // to the last one's last). The instances are in (column, position) order, so only those of the window are visited.
    private static (int Score, int Adjusted) Score(List<Instance> instances, ReadOnlySpan<int> lengths, Span<bool> seen, int column, int start, int size)
    {
        var (score, first, last) = (0, -1, 0);
        var end = (long)start + WindowTokens;
        for (var i = FirstAt(instances, column, start); i < instances.Count && instances[i].Column == column && instances[i].Position < end; i++)
        {
            var instance = instances[i];
            score += seen[instance.Phrase] ? 1 : 1000;
            seen[instance.Phrase] = true;
            if (first < 0)
            {
                first = instance.Position;
            }

            last = instance.Position + lengths[instance.Phrase];
        }

        var adjusted = first - (WindowTokens - (last - first)) / 2;
        if (adjusted + WindowTokens > size)
        {
            adjusted = size - WindowTokens;
        }

        return (score, Math.Max(adjusted, 0));
    }

    // The first instance at or after (column, position).
    private static int FirstAt(List<Instance> instances, int column, int position)
    {
        var (low, high) = (0, instances.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            var at = instances[middle];
            if (at.Column < column || at.Column == column && at.Position < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    // fts5SentenceFinderCb: the first token, and each token after a '.' or ':' and some white space (all ASCII, so
    // bytes of UTF-8 are read as characters).
    private static bool StartsSentence(ReadOnlySpan<byte> text, int start, int position)
    {
        if (position == 0)
        {
            return true;
        }

        var i = start - 1;
        while (i >= 0 && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i--;
        }

        return i != start - 1 && i >= 0 && text[i] is (byte)'.' or (byte)':';
    }

    // The window's text and its tokens' bounds in it, from its first position on: the text begins at the first token
    // (at the column's start for the first window) and ends at the last one's end, or at the column's end when the
    // window reaches it (the highlight copies the rest). The bounds are written into the room given, and returned.
    private static ReadOnlySpan<(int Start, int End)> Window(
        ReadOnlySpan<byte> text, int rangeStart, Resume resume, int size, Span<(int Start, int End)> window, Scratch scratch, out ReadOnlySpan<char> windowText)
    {
        var count = 0;
        for (int i = resume.Byte, position = resume.Position; position < rangeStart + WindowTokens && Next(text, ref i, out var start, out _) == Scan.Token; position++)
        {
            if (position >= rangeStart)
            {
                window[count++] = (start, i);
            }
        }

        window = window[..count];
        var from = rangeStart > 0 && count > 0 ? window[0].Start : 0;
        var to = rangeStart + WindowTokens - 1 >= size - 1 || count == 0 ? text.Length : window[^1].End;
        // The tokens' bounds as characters of the window's text: its bytes' offsets when it is all ASCII (most are), else
        // counted token by token.
        if (Ascii.IsValid(text[from..to]))
        {
            for (var t = 0; t < window.Length; t++)
            {
                window[t] = (window[t].Start - from, window[t].End - from);
            }
        }
        else
        {
            var (bytes, chars) = (from, 0);
            for (var t = 0; t < window.Length; t++)
            {
                var (start, end) = window[t];
                chars += Encoding.UTF8.GetCharCount(text[bytes..start]);
                var first = chars;
                chars += Encoding.UTF8.GetCharCount(text[start..end]);
                (window[t], bytes) = ((first, chars), end);
            }
        }

        windowText = scratch.Decode(text[from..to]);
        return window;
    }

    // fts5HighlightCb over the window, with the coalesced instances of its column (fts5CInstIterNext: instances that
    // share a token are one span, from the first one's first token to the furthest last token).
    private static string Highlight(
        ReadOnlySpan<char> text, ReadOnlySpan<(int Start, int End)> window, int rangeStart, int size, List<Instance> instances, int column,
        ReadOnlySpan<int> lengths, Scratch scratch)
    {
        var spans = scratch.Spans;
        spans.Clear();
        foreach (var instance in instances)
        {
            if (instance.Column != column)
            {
                continue;
            }

            var end = instance.Position + lengths[instance.Phrase] - 1;
            if (spans.Count > 0 && instance.Position <= spans[^1].End)
            {
                spans[^1] = (spans[^1].Start, Math.Max(spans[^1].End, end));
            }
            else
            {
                spans.Add((instance.Position, end));
            }
        }

        var rangeEnd = rangeStart + WindowTokens - 1;
        var span = 0;
        while (span < spans.Count && spans[span].Start < rangeStart)
        {
            span++;
        }

        (int Start, int End) Current() => span < spans.Count ? spans[span] : (-1, -1);
        var sb = scratch.Builder.Clear();
        if (rangeStart > 0)
        {
            sb.Append(Ellipsis);
        }

        var (offset, open) = (0, false);
        for (var position = rangeStart; position < size && position <= rangeEnd; position++)
        {
            var (start, end) = window[position - rangeStart];
            if (rangeStart > 0 && position == rangeStart)
            {
                offset = start;
            }

            var current = Current();
            if (open && (position <= current.Start || current.Start < 0) && start > offset)
            {
                sb.Append(SearchText.MarkEnd);
                open = false;
            }

            if (position == current.Start && !open)
            {
                sb.Append(text[offset..start]).Append(SearchText.MarkStart);
                offset = start;
                open = true;
            }

            if (position == current.End)
            {
                if (!open)
                {
                    sb.Append(SearchText.MarkStart);
                    open = true;
                }

                sb.Append(text[offset..end]);
                offset = end;
                span++;
            }

            if (position == rangeEnd)
            {
                current = Current();
                if (open)
                {
                    if (current.Start >= 0 && position >= current.Start)
                    {
                        sb.Append(text[offset..end]);
                        offset = end;
                    }

                    sb.Append(SearchText.MarkEnd);
                    open = false;
                }

                sb.Append(text[offset..end]);
                offset = end;
            }
        }

        if (open)
        {
            sb.Append(SearchText.MarkEnd);
        }

        if (rangeEnd >= size - 1)
        {
            sb.Append(text[offset..]);
        }
        else
        {
            sb.Append(Ellipsis);
        }

        return sb.ToString();
    }

    // Porter's steps rewrite only a word's end, and all of a stem but its last letter is how its word begins ("rate"
    // from "ration", "sensibl" from "sensibility", "hope" from "hoping"; a word under three letters is its own stem):
    // an ASCII word that begins with none of the phrases' tokens less their last letter has none of them for a stem,
    // and Write looks up no stem for it (most words of a long document). Null when a phrase has an empty token.
    internal static WordHeads? Heads(IReadOnlyList<(string[] Tokens, bool IsPrefix)> phrases)
    {
        var heads = new List<string>();
        foreach (var (tokens, _) in phrases)
        {
            foreach (var token in tokens)
            {
                if (token.Length == 0)
                {
                    return null;
                }

                heads.Add(token[..Math.Max(1, token.Length - 1)]);
            }
        }

        return new WordHeads([.. heads.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The heads of <see cref="Heads"/>, and the ASCII characters they begin with: most words of a document begin with
    /// none of them, and are passed over with one test of their first letter.
    /// </summary>
    internal sealed class WordHeads
    {
        private readonly string[] _heads;
        private readonly UInt128 _firsts;

        public WordHeads(string[] heads)
        {
            _heads = heads;
            foreach (var head in heads)
            {
                if (head[0] < 128)
                {
                    _firsts |= UInt128.One << (head[0] | 0x20);
                }
            }
        }

        // Whether the ASCII word (letters and digits), lowercased, begins with one of the heads. Lowercasing ASCII
        // letters sets their 0x20 bit, which digits have already.
        public bool BeginOne(ReadOnlySpan<byte> word)
        {
            if ((_firsts >> (word[0] | 0x20) & UInt128.One) == UInt128.Zero)
            {
                return false;
            }

            foreach (var head in _heads)
            {
                if (word.Length >= head.Length && Ascii.EqualsIgnoreCase(word[..head.Length], head))
                {
                    return true;
                }
            }

            return false;
        }
    }

    // unicode61's tokens: letters, numbers and private-use characters; everything else separates. From byte i on:
    // the next token's start, with i moved to its end, and whether it is all ASCII; Unchecked at a character whose
    // tokenization is not checked here. A word of ASCII letters and digits is always one token (see Heads).
    // Between and in ASCII words a byte's class is looked up (most of a search's snippet time is this scan); from the
    // first byte beyond ASCII on, the scan goes character by character.
    private static Scan Next(ReadOnlySpan<byte> text, ref int i, out int start, out bool ascii)
    {
        var classes = AsciiClasses;
        var at = i;
        while (at < text.Length && classes[text[at]] == Separator)
        {
            at++;
        }

        if (at == text.Length)
        {
            (start, ascii, i) = (at, true, at);
            return Scan.End;
        }

        var first = at;
        while (at < text.Length && classes[text[at]] == Word)
        {
            at++;
        }

        if (classes[text[first]] == BeyondAscii || at < text.Length && classes[text[at]] == BeyondAscii)
        {
            return NextByCharacter(text, ref i, out start, out ascii);
        }

        (start, ascii, i) = (first, true, at);
        return Scan.Token;
    }

    private static Scan NextByCharacter(ReadOnlySpan<byte> text, ref int i, out int start, out bool ascii)
    {
        (start, ascii) = (i, true);
        var inWord = false;
        while (i < text.Length)
        {
            var (isWord, length) = text[i] < 0x80 ? (char.IsAsciiLetterOrDigit((char)text[i]), 1) : NonAscii(text[i..]);
            if (length == 0)
            {
                return Scan.Unchecked;
            }

            if (isWord != inWord)
            {
                if (inWord)
                {
                    return Scan.Token;
                }

                (start, inWord) = (i, true);
            }

            ascii &= !inWord || length == 1;
            i += length;
        }

        return inWord ? Scan.Token : Scan.End;
    }

    private const byte Separator = 0;
    private const byte Word = 1;
    private const byte BeyondAscii = 2;

    // Each byte's class: an ASCII separator, an ASCII letter or digit, or a byte of a character beyond ASCII.
    private static ReadOnlySpan<byte> AsciiClasses =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    ];

    // The character at the start of text, beyond ASCII: whether it is a word character, and its length in bytes (0
    // when its tokenization is not checked here).
    private static (bool IsWord, int Length) NonAscii(ReadOnlySpan<byte> text) =>
        Rune.DecodeFromUtf8(text, out var rune, out var length) == OperationStatus.Done && IsChecked(rune.Value)
            ? (IsWordChar((char)rune.Value), length)
            : (false, 0);

    private string? StemOf(ReadOnlySpan<char> word)
    {
        if (_stems.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var known))
        {
            return known;
        }

        var text = word.ToString();
        return _stems[text] = tokenizer.Tokens(text) is [var stem] ? stem : null;
    }

    private static bool IsWordChar(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    // Where .NET's Unicode and unicode61's (Unicode 6.1) agree on what is a letter or a number, and no character
    // combines with another: ASCII, Latin-1 and Latin Extended A and B, Greek, Cyrillic, general punctuation (the
    // zero-width space that segments Chinese included), CJK symbols and punctuation, the unified ideographs of 6.1,
    // and full-width forms.
    private static bool IsChecked(int c) =>
        c <= '\u024F' || c is >= '\u0370' and <= '\u03FF' || c is >= '\u0400' and <= '\u04FF' || c is >= '\u2000' and <= '\u206F'
        || c is >= '\u3000' and <= '\u303F' || c is >= '\u4E00' and <= '\u9FCC' || c is >= '\uFF00' and <= '\uFFEF';
}
