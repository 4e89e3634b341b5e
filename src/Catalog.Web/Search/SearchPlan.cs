using System.Data.Common;
using Catalog.Web.Data;

namespace Catalog.Web.Search;

/// <summary>
/// One group of the query as it is searched: its terms as typed (with the acronym or long form the catalog defines
/// for them) and, for a word the catalog does not know, its respelling. A stop word's clause only counts when the
/// query has nothing else.
/// </summary>
public sealed record SearchClause(IReadOnlyList<string> Exact, string? Corrected, bool IsStop)
{
    /// <summary>Matching counts this much towards a link's band; a respelling alone a little less, so exact matches rank first.</summary>
    public const double CorrectedWeight = 0.9;

    /// <summary>
    /// What matching this clause is worth towards a document's band, next to the plan's other clauses (they average 1):
    /// a rare word more than a common one, so that of two links matching some of the words, the one matching the
    /// telling words ranks first. A link matching every clause is still worth the most.
    /// </summary>
    public double Weight { get; init; } = 1;

    public string ExactFts5 => Exact.Count == 1 ? Exact[0] : "(" + string.Join(" OR ", Exact) + ")";

    public string Fts5 => Corrected is null ? ExactFts5 : "(" + string.Join(" OR ", Exact.Append(Corrected)) + ")";
}

/// <summary>A query with respelt words: what was searched, and what to offer instead (the words as typed, quoted so they are not respelt again).</summary>
public sealed record SpellingCorrection(string SearchedFor, string SearchInsteadFor, bool TypedWordsFoundNothing);

/// <summary>
/// How a <see cref="SearchQuery"/> is searched (docs/search.md): every clause must match for the strict answer
/// (<see cref="AllWords"/>); when that does not fill the page, links matching any clause (<see cref="AnyWord"/>) follow,
/// those matching more of them first (<see cref="CatalogSearch"/>). Exclusions apply to both.
/// </summary>
public sealed class SearchPlan
{
    private readonly string _not;

    private SearchPlan(SearchQuery query, IReadOnlyList<SearchClause> clauses, SpellingCorrection? correction)
    {
        Query = query;
        var excluded = query.Excluded;
        var counted = clauses.Where(c => !c.IsStop).ToList();
        Clauses = Averaging(counted.Count > 0 ? counted : clauses);
        _not = excluded.Count == 0 ? "" : " NOT (" + string.Join(" OR ", excluded.Select(t => t.ToFts5())) + ")";
        Correction = correction;
    }

    public SearchQuery Query { get; }

    /// <summary>The clauses that count (stop words left out unless there is nothing else).</summary>
    public IReadOnlyList<SearchClause> Clauses { get; }

    public SpellingCorrection? Correction { get; }

    public string AllWords => Wrap(string.Join(" AND ", Clauses.Select(c => c.Fts5)));

    public string AnyWord => Wrap(string.Join(" OR ", Clauses.Select(c => c.Fts5)));

    /// <summary>True when a link can match some clauses and not others.</summary>
    public bool CanRelax => Clauses.Count > 1;

    /// <summary>The plan with the catalog's acronyms expanded and unknown words respelt.</summary>
    internal static async Task<SearchPlan> MakeAsync(SearchConnection reads, SearchQuery query, Lexicon lexicon, IReadOnlyList<string>? completions, CancellationToken ct)
    {
        var groups = Groups(query, completions);
        var expanded = Expand(groups, lexicon);
        var clauses = new List<SearchClause>();
        var corrections = new Dictionary<SearchTerm, string>();
        var foundNothing = false;
        foreach (var (group, alternatives) in groups.Zip(expanded))
        {
            string? corrected = null;
            if (group.Terms is [var term] && await NeedsRespellingAsync(reads, term, lexicon, ct) is { } typed
                && Typos.Correct(term.Text, lexicon) is { } word && (typed.Matches == 0 || lexicon.DocumentCount(word) >= CommonEnough))
            {
                corrected = new SearchTerm(word).ToFts5();
                corrections[term] = word;
                foundNothing |= typed.Matches == 0;
            }

            clauses.Add(new SearchClause(alternatives, corrected, group.IsStop) { Weight = Rarity(group, corrections.GetValueOrDefault(group.Terms[0]), lexicon) });
        }

        var correction = corrections.Count == 0 ? null : new SpellingCorrection(
            query.ToText(corrections),
            query.ToText(corrections.ToDictionary(c => c.Key, c => "\"" + c.Key.Text + "\"")),
            foundNothing);
        return new SearchPlan(query, clauses, correction);
    }

    // Alternatives (OR) are as common as the commonest; a respelt word counts as its respelling.
    private static double Rarity(Group group, string? respelt, Lexicon lexicon) =>
        respelt is not null ? lexicon.Rarity(respelt) : group.Terms.Min(t => Rarity(t, lexicon));

    // A phrase is as rare as its rarest word; a word is one word.
    private static double Rarity(SearchTerm term, Lexicon lexicon) =>
        SearchText.Fold(term.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries).DefaultIfEmpty("").Max(lexicon.Rarity);

    private static List<SearchClause> Averaging(IReadOnlyList<SearchClause> clauses)
    {
        var mean = clauses.Count == 0 ? 1 : clauses.Average(c => c.Weight);
        return [.. clauses.Select(c => c with { Weight = mean > 0 ? c.Weight / mean : 1 })];
    }

    // A word found in one document is respelt too ("nerual" is a typo in the seed itself) when the respelling is this
    // common; the document with the word as typed still ranks first.
    private const int CommonEnough = 5;

    private sealed record Group(IReadOnlyList<SearchTerm> Terms, List<string> Alternatives, bool IsStop);

    private static List<Group> Groups(SearchQuery query, IReadOnlyList<string>? completions) =>
        query.Groups.Select((terms, i) =>
        {
            var alternatives = terms.Select(t => t.ToFts5()).ToList();
            if (i == query.Groups.Count - 1 && query.Typing is not null && completions is not null)
            {
                alternatives.AddRange(completions.Select(c => new SearchTerm(c).ToFts5()));
            }

            return new Group(terms, alternatives, terms.All(Stopwords.IsStop));
        }).ToList();

    // An acronym the catalog defines also finds its long form, a run of words that is a long form finds the acronym, a
    // site's name finds its host's links, two words that the catalog writes as one find that word, and a word finds the
    // longer words it is part of.
    private static List<List<string>> Expand(List<Group> groups, Lexicon lexicon)
    {
        var expanded = groups.Select(g => new List<string>(g.Alternatives)).ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i].Terms is [{ IsPhrase: false } term] && SearchText.IsSingleToken(term.Text) && lexicon.LongForm(term.Text) is { } longForm)
            {
                expanded[i].Add(new SearchTerm(string.Join(' ', longForm), IsPhrase: true).ToFts5());
            }

            // A site the catalog names in another script than its host's finds the site's links (知乎: zhuanlan.zhihu.com).
            if (groups[i].Terms is [{ IsPrefix: false } named] && lexicon.SiteHost(named.Text) is { } host)
            {
                expanded[i].Add(new SearchTerm(host).ToFts5());
            }
        }

        var words = groups.Select(g => g.Terms is [{ IsPhrase: false } t] ? SearchText.Fold(t.Text) : null).ToList();

        // A word the catalog also writes inside a longer one, as URLs do ("interpretability" and
        // networkinterpretability.org): a bare URL is often all a link has.
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i].Terms is [{ IsPrefix: false } or { IsTyping: true }] && words[i] is { Length: >= Lexicon.CompoundPartLength } word && !groups[i].IsStop)
            {
                expanded[i].AddRange(lexicon.Compounds(word).Select(c => new SearchTerm(c).ToFts5()));
            }
        }

        foreach (var (acronym, longForm) in lexicon.AcronymPairs)
        {
            for (var start = 0; start + longForm.Length <= words.Count; start++)
            {
                if (longForm.Select((w, k) => words[start + k] == w).All(same => same))
                {
                    for (var k = 0; k < longForm.Length; k++)
                    {
                        expanded[start + k].Add(new SearchTerm(acronym).ToFts5());
                    }
                }
            }
        }

        // Two words written as one in the catalog, as names are in URLs ("Joan Bruna" and github.com/joanbruna).
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] is { } first && words[i + 1] is { } second && lexicon.DocumentCount(first + second) > 0)
            {
                var joined = new SearchTerm(first + second).ToFts5();
                expanded[i].Add(joined);
                expanded[i + 1].Add(joined);
            }

            // Or as a person's handle ("Lars Ruthotto" and ~lruthot/): often the only place a name is written.
            foreach (var handle in words[i] is { } given && words[i + 1] is { } surname ? lexicon.Handles(given, surname) : [])
            {
                var term = new SearchTerm(handle).ToFts5();
                expanded[i].Add(term);
                expanded[i + 1].Add(term);
            }
        }

        // One word can arrive by two routes ("reading group" joined, and "reading" inside "readinggroup"): an alternative
        // listed twice would count twice in bm25.
        return [.. expanded.Select(alternatives => alternatives.Distinct(StringComparer.Ordinal).ToList())];
    }

    private sealed record Typed(long Matches);

    // Only a plain word that finds at most one document (stemmed, as the index matches it) is worth respelling; a
    // prefix being typed only when no known word starts with it.
    private static async Task<Typed?> NeedsRespellingAsync(SearchConnection reads, SearchTerm term, Lexicon lexicon, CancellationToken ct)
    {
        if (term.IsPhrase || !SearchText.IsSingleToken(term.Text) || !Typos.MayCorrect(term.Text))
        {
            return null;
        }

        var folded = SearchText.Fold(term.Text);
        if (term.IsPrefix && !term.IsTyping || lexicon.DocumentCount(folded) > 1)
        {
            return null;
        }

        var connection = await reads.OpenAsync(ct);
        if (term.IsTyping && await Vocabulary.IsKnownAsync(connection, folded, asPrefix: true, ct))
        {
            return null;
        }

        var sql = reads.Sql;
        var matches = await connection.ScalarAsync(sql.MatchCountUpToTwo, ct, ("@match", sql.Match(new SearchTerm(term.Text).ToFts5())));
        return matches > 1 ? null : new Typed(matches);
    }

    private string Wrap(string expression) => _not.Length == 0 ? expression : "(" + expression + ")" + _not;
}
