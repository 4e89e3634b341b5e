using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Catalog.Web.Search.Postings;

/// <summary>
/// FTS5's snippet() (fts5_aux.c) in memory, for the documents of one page: the same window of
/// <see cref="WindowTokens"/> tokens in the same column, chosen by the same scores (a thousand for each phrase's first
/// instance in it, one for each further one, a sentence's start preferred), the same marks and ellipses. A page then
/// takes its documents' text from the postings (<see cref="SearchPostings.ColumnsOf"/>) instead of running its match through the index again (with a prefix, a pass over
/// every document of every term it begins). Tokens are found as unicode61 finds them and stemmed by the index's own
/// tokenizer (<see cref="IndexTokenizer"/>, each word once per version). The phrases are the match's, as the postings
/// evaluated it (<see cref="MatchSet.Phrases"/>: an expression they cannot answer has no snippet here either); a text
/// with characters outside the scripts whose tokens are checked here (Latin, Greek, Cyrillic, CJK) gets null, and the
/// database writes that snippet.
/// </summary>
public sealed class SnippetWriter(IndexTokenizer tokenizer)
{
    /// <summary>The snippet's length in tokens (snippet()'s last argument).</summary>
    public const int WindowTokens = 16;

    public const char Ellipsis = '…';

    // A word's stem, or null when the index's tokenizer does not make it one token.
    private readonly ConcurrentDictionary<string, string?> _stems = new(StringComparer.Ordinal);

    /// <summary>
    /// The snippet, for the match <paramref name="matches"/>, of a document whose columns are <paramref name="columns"/>
    /// (title, quote, body, URL words), with <see cref="SearchText.MarkStart"/> and <see cref="SearchText.MarkEnd"/>
    /// around its phrases; null when a column holds a character whose tokenization is not checked here.
    /// </summary>
    /// <remarks>
    /// One pass over each column keeps only what the choice of a window needs (the phrases' instances, the column's
    /// size in tokens and its sentences' first tokens); the chosen window's tokens are found again. A document listed
    /// under hundreds of topics holds thousands of tokens, and a list of them all was most of a search's garbage.
    /// </remarks>
    public string? Write(MatchSet matches, IReadOnlyList<string> columns)
    {
        var phrases = matches.Phrases;
        var initials = Initials(phrases);
        var scanned = new Column[columns.Count];
        var instances = new List<Instance>();
        for (var column = 0; column < columns.Count; column++)
        {
            var text = columns[column];
            var sentences = new List<int>();
            var position = 0;
            for (var i = 0; Next(text, ref i, out var start, out var ascii) is var scan && scan != Scan.End; position++)
            {
                if (scan == Scan.Unchecked)
                {
                    return null;
                }

                if (StartsSentence(text, start, position))
                {
                    sentences.Add(position);
                }

                if (ascii && initials is not null && !initials.Contains(char.ToLowerInvariant(text[start]), StringComparison.Ordinal))
                {
                    continue;
                }

                if (StemOf(text.AsSpan(start, i - start)) is not { } stem)
                {
                    return null;
                }

                for (var phrase = 0; phrase < phrases.Count; phrase++)
                {
                    var (token, isPrefix) = phrases[phrase];
                    if (isPrefix ? stem.StartsWith(token, StringComparison.Ordinal) : stem == token)
                    {
                        instances.Add(new Instance(column, position, phrase));
                    }
                }
            }

            scanned[column] = new Column(position, sentences);
        }

        var (bestColumn, bestStart) = BestWindow(phrases.Count, scanned, instances);
        var best = columns[bestColumn];
        return Highlight(best, Window(best, bestStart), bestStart, scanned[bestColumn].Size, instances.FindAll(i => i.Column == bestColumn));
    }

    private readonly record struct Instance(int Column, int Position, int Phrase);

    // A column's size in tokens and the positions its sentences begin at (fts5SentenceFinderCb's).
    private readonly record struct Column(int Size, List<int> Sentences);

    private enum Scan
    {
        Token,
        End,
        Unchecked,
    }

    // fts5SnippetFunction's search: for each instance, the window around it and the window from its sentence's start.
    // A column without instances has no window to score. The instances are in (column, position) order.
    private static (int Column, int Start) BestWindow(int phraseCount, Column[] columns, List<Instance> instances)
    {
        var (bestColumn, bestStart, bestScore) = (0, 0, 0);
        var seen = new bool[phraseCount];
        foreach (var instance in instances)
        {
            var column = instance.Column;
            var (size, firsts) = columns[column];
            Array.Clear(seen);
            var (score, adjusted) = Score(instances, seen, column, instance.Position, size);
            if (score > bestScore)
            {
                (bestColumn, bestStart, bestScore) = (column, adjusted, score);
            }

            if (firsts.Count > 0 && size > WindowTokens)
            {
                var j = 0;
                while (j < firsts.Count - 1 && firsts[j + 1] <= instance.Position)
                {
                    j++;
                }

                if (firsts[j] < instance.Position)
                {
                    Array.Clear(seen);
                    var (fromSentence, _) = Score(instances, seen, column, firsts[j], size);
                    fromSentence += firsts[j] == 0 ? 120 : 100;
                    if (fromSentence > bestScore)
                    {
                        (bestColumn, bestStart, bestScore) = (column, firsts[j], fromSentence);
                    }
                }
            }
        }

        return (bestColumn, bestStart);
    }

    // fts5SnippetScore: the window's score and its start moved to centre its instances. The instances are in
    // (column, position) order, so only those of the window are visited.
    private static (int Score, int Adjusted) Score(List<Instance> instances, bool[] seen, int column, int start, int size)
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

            last = instance.Position + 1;
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

    // fts5SentenceFinderCb: the first token, and each token after a '.' or ':' and some white space.
    private static bool StartsSentence(string text, int start, int position)
    {
        if (position == 0)
        {
            return true;
        }

        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '\t' or '\n' or '\r')
        {
            i--;
        }

        return i != start - 1 && i >= 0 && text[i] is '.' or ':';
    }

    // The bounds of the window's tokens, from its first position on.
    private static List<(int Start, int End)> Window(string text, int rangeStart)
    {
        var window = new List<(int Start, int End)>(WindowTokens);
        for (int i = 0, position = 0; position < rangeStart + WindowTokens && Next(text, ref i, out var start, out _) == Scan.Token; position++)
        {
            if (position >= rangeStart)
            {
                window.Add((start, i));
            }
        }

        return window;
    }

    // fts5HighlightCb over the window, with the coalesced instances of the column (instances that share a token are one).
    private static string Highlight(string text, List<(int Start, int End)> window, int rangeStart, int size, List<Instance> instances)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var instance in instances)
        {
            if (spans.Count > 0 && instance.Position <= spans[^1].End)
            {
                spans[^1] = (spans[^1].Start, Math.Max(spans[^1].End, instance.Position));
            }
            else
            {
                spans.Add((instance.Position, instance.Position));
            }
        }

        var rangeEnd = rangeStart + WindowTokens - 1;
        var span = 0;
        while (span < spans.Count && spans[span].Start < rangeStart)
        {
            span++;
        }

        (int Start, int End) Current() => span < spans.Count ? spans[span] : (-1, -1);
        var sb = new StringBuilder(Math.Min(text.Length, 256) + 16);
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
                sb.Append(text, offset, start - offset).Append(SearchText.MarkStart);
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

                sb.Append(text, offset, end - offset);
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
                        sb.Append(text, offset, end - offset);
                        offset = end;
                    }

                    sb.Append(SearchText.MarkEnd);
                    open = false;
                }

                sb.Append(text, offset, end - offset);
                offset = end;
            }
        }

        if (open)
        {
            sb.Append(SearchText.MarkEnd);
        }

        if (rangeEnd >= size - 1)
        {
            sb.Append(text, offset, text.Length - offset);
        }
        else
        {
            sb.Append(Ellipsis);
        }

        return sb.ToString();
    }

    // The first letters of the phrases' tokens, or null when one of them has none to tell (an empty prefix).
    private static string? Initials(IReadOnlyList<(string Token, bool IsPrefix)> phrases)
    {
        Span<char> initials = phrases.Count <= 64 ? stackalloc char[phrases.Count] : new char[phrases.Count];
        for (var i = 0; i < phrases.Count; i++)
        {
            if (phrases[i].Token.Length == 0)
            {
                return null;
            }

            initials[i] = phrases[i].Token[0];
        }

        return new string(initials);
    }

    // unicode61's tokens: letters, numbers and private-use characters; everything else separates. From i on: the next
    // token's start, with i moved to its end, and whether it is all ASCII; Unchecked at a character whose tokenization
    // is not checked here. A word of ASCII letters and digits is always one token, and Porter's steps change only a
    // word's end, so its stem begins with its own lowercased first letter: Write looks up no stem for a word whose
    // first letter begins none of the phrases' tokens (most words of a long document).
    private static Scan Next(string text, ref int i, out int start, out bool ascii)
    {
        (start, ascii) = (i, true);
        while (i < text.Length && IsChecked(text[i]) && !IsWordChar(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return Scan.End;
        }

        start = i;
        while (i < text.Length && IsChecked(text[i]) && IsWordChar(text[i]))
        {
            ascii &= char.IsAscii(text[i]);
            i++;
        }

        return i < text.Length && !IsChecked(text[i]) ? Scan.Unchecked : Scan.Token;
    }

    private string? StemOf(ReadOnlySpan<char> word)
    {
        if (_stems.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var known))
        {
            return known;
        }

        var text = word.ToString();
        return _stems[text] = tokenizer.Tokens(text) is [var stem] ? stem : null;
    }

    private static bool IsWordChar(char c) => char.IsAscii(c) ? char.IsAsciiLetterOrDigit(c) : CharUnicodeInfo.GetUnicodeCategory(c) switch
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
    private static bool IsChecked(char c) =>
        c <= '\u024F' || c is >= '\u0370' and <= '\u03FF' || c is >= '\u0400' and <= '\u04FF' || c is >= '\u2000' and <= '\u206F'
        || c is >= '\u3000' and <= '\u303F' || c is >= '\u4E00' and <= '\u9FCC' || c is >= '\uFF00' and <= '\uFFEF';
}
