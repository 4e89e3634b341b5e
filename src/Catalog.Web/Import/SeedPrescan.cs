namespace Catalog.Web.Import;

/// <summary>
/// One linear pass over the text before Markdig sees it, refusing shapes on which Markdig's own work grows faster
/// than the input (the hostile-seed rows of tests/Catalog.Benchmarks/README.md): setext headings (Markdig's time grows
/// with the square of their number, where ATX headings stay linear), link destinations that never close (each
/// <c>](</c> is scanned to the end of its run of text), and table cells (hundreds of bytes of tree for a cell of two).
/// Counts are upper bounds: a line in a code block counts too.
/// </summary>
public static class SeedPrescan
{
    /// <exception cref="SeedFileException">The text passes one of the <paramref name="limits"/>; the message names it.</exception>
    public static void Check(string markdown, string sourceName, ParseLimits limits)
    {
        var headings = 0;
        var pipes = 0;
        var previousBlank = true;
        var open = new LinkDestinations();
        for (var start = 0; start < markdown.Length;)
        {
            var end = markdown.IndexOf('\n', start);
            var line = markdown.AsSpan(start, (end < 0 ? markdown.Length : end) - start);
            start = end < 0 ? markdown.Length : end + 1;

            if (IsAtxHeading(line) || (!previousBlank && IsSetextUnderline(line)))
            {
                if (++headings > limits.MaxHeadings)
                {
                    throw new SeedFileException(
                        $"{sourceName}: more than {limits.MaxHeadings:N0} headings; the limit is Catalog:MaxHeadings.");
                }
            }

            pipes += line.Count('|');
            if (pipes > limits.MaxTableCells)
            {
                throw new SeedFileException(
                    $"{sourceName}: more than {limits.MaxTableCells:N0} table cells ('|' characters); the limit is Catalog:MaxTableCells.");
            }

            if (open.Scan(line) > limits.MaxPendingLinkOpeners)
            {
                throw new SeedFileException(
                    $"{sourceName}: more than {limits.MaxPendingLinkOpeners:N0} links opened with '](' and not closed in one run of text; the limit is Catalog:MaxPendingLinkOpeners.");
            }

            previousBlank = line.IsWhiteSpace();
        }
    }

    private static bool IsAtxHeading(ReadOnlySpan<char> line)
    {
        var rest = SkipIndent(line);
        var hashes = rest.Length - rest.TrimStart('#').Length;
        return hashes is >= 1 and <= 6 && (rest.Length == hashes || rest[hashes] is ' ' or '\t');
    }

    private static bool IsSetextUnderline(ReadOnlySpan<char> line)
    {
        var rest = SkipIndent(line).TrimEnd();
        return rest.Length > 0 && (rest.IndexOfAnyExcept('=') < 0 || rest.IndexOfAnyExcept('-') < 0);
    }

    private static ReadOnlySpan<char> SkipIndent(ReadOnlySpan<char> line)
    {
        var spaces = line.Length - line.TrimStart(' ').Length;
        return spaces <= 3 ? line[spaces..] : [];
    }

    /// <summary>
    /// The link destinations still open, as Markdig scans them: one begins at each <c>](</c> and ends at white space,
    /// or at the <c>)</c> that balances its <c>(</c>. Each is kept as the parenthesis depth it began at; since every
    /// later parenthesis moves all of them alike, a <c>)</c> closes the ones on top of the stack, which stays ordered.
    /// </summary>
    private sealed class LinkDestinations
    {
        private readonly Stack<int> _startDepths = new();
        private int _depth;

        /// <returns>The most destinations open at once in the line.</returns>
        public int Scan(ReadOnlySpan<char> line)
        {
            // A destination never spans a line break.
            _startDepths.Clear();
            var most = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    _startDepths.Clear();
                }
                else if (c == '\\')
                {
                    i++;
                }
                else if (c == ']' && i + 1 < line.Length && line[i + 1] == '(')
                {
                    i++;
                    if (i + 1 < line.Length && line[i + 1] == '<')
                    {
                        // <...> destinations end at the first '>', which Markdig finds without scanning back.
                        continue;
                    }

                    if (_startDepths.Count == 0)
                    {
                        _depth = 0;
                    }

                    _startDepths.Push(_depth++);
                    most = Math.Max(most, _startDepths.Count);
                }
                else if (_startDepths.Count > 0 && c == '(')
                {
                    _depth++;
                }
                else if (_startDepths.Count > 0 && c == ')')
                {
                    _depth--;
                    while (_startDepths.TryPeek(out var top) && top >= _depth)
                    {
                        _startDepths.Pop();
                    }
                }
            }

            return most;
        }
    }
}
