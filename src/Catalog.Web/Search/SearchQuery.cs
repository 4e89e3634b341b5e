using System.Text;

namespace Catalog.Web.Search;

/// <summary>
/// A word or a quoted phrase as the person typed it. A prefix term also matches longer words: written with a
/// trailing <c>*</c>, or <see cref="IsTyping"/> (the last word, still being typed).
/// </summary>
public sealed record SearchTerm(string Text, bool IsPhrase = false, bool IsPrefix = false, bool IsTyping = false)
{
    /// <summary>
    /// The term as an FTS5 string: always quoted (so no user text is ever FTS5 syntax), with CJK characters
    /// segmented as in the index, which makes a run of them a phrase of one-character tokens. FTS5's syntax is the
    /// app's match syntax on both databases: PostgreSQL's search translates it (<see cref="ISearchDialect.Match"/>).
    /// </summary>
    public string ToFts5()
    {
        var quoted = "\"" + SearchText.Segment(Text).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return IsPrefix ? quoted + " *" : quoted;
    }
}

/// <summary>
/// A parsed query (see <see cref="QueryParser"/>): every group must match, a group matching when any of its terms
/// does (terms joined by OR); no excluded term may match.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<IReadOnlyList<SearchTerm>> Groups, IReadOnlyList<SearchTerm> Excluded)
{
    public static SearchQuery Empty { get; } = new([], []);

    /// <summary>Nothing to look for: no words, or only excluded ones.</summary>
    public bool IsEmpty => Groups.Count == 0;

    /// <summary>The prefix word at the end (written with <c>*</c> or still being typed), to complete from the vocabulary.</summary>
    public SearchTerm? Typing =>
        Groups.Count > 0 && Groups[^1][^1] is { IsPrefix: true, IsPhrase: false } last && SearchText.IsSingleToken(last.Text) ? last : null;

    /// <summary>The words to look for (excluded ones aside): for spelling suggestions and the closest topics.</summary>
    public IEnumerable<SearchTerm> Terms => Groups.SelectMany(g => g);

    /// <summary>
    /// The FTS5 MATCH expression. <paramref name="completions"/> are whole words the typed prefix may be the start
    /// of: the stemmer turns a partial word into a stem that is not always a prefix of the full word's stem
    /// ("approxima" vs "approxim"), so those words are matched by name as well.
    /// </summary>
    public string ToFts5(IReadOnlyList<string>? completions = null)
    {
        if (IsEmpty)
        {
            return "";
        }

        var sb = new StringBuilder();
        for (var i = 0; i < Groups.Count; i++)
        {
            var alternatives = Groups[i].Select(t => t.ToFts5()).ToList();
            if (i == Groups.Count - 1 && Typing is not null && completions is not null)
            {
                alternatives.AddRange(completions.Select(c => new SearchTerm(c).ToFts5()));
            }

            sb.Append(i == 0 ? "" : " AND ").Append(alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" OR ", alternatives) + ")");
        }

        if (Excluded.Count > 0)
        {
            sb.Insert(0, '(').Append(") NOT (").AppendJoin(" OR ", Excluded.Select(t => t.ToFts5())).Append(')');
        }

        return sb.ToString();
    }

    /// <summary>The query written back in the documented syntax, some words replaced (for "did you mean").</summary>
    public string ToText(IReadOnlyDictionary<SearchTerm, string>? replacements = null)
    {
        string Write(SearchTerm t) =>
            replacements is not null && replacements.TryGetValue(t, out var word) ? word
            : t.IsPhrase ? "\"" + t.Text + "\""
            : t.IsPrefix && !t.IsTyping ? t.Text + "*" : t.Text;

        var groups = Groups.Select(g => string.Join(" OR ", g.Select(Write)));
        return string.Join(' ', groups.Concat(Excluded.Select(t => "-" + Write(t))));
    }
}
