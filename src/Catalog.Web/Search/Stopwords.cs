namespace Catalog.Web.Search;

/// <summary>
/// English words too common to decide what a query is about ("why do wide networks behave like kernels"). They are
/// still matched inside phrases and when a query has nothing else, but a link need not contain them to match all of
/// a query's words, and they do not count towards how many of its words a link matches.
/// </summary>
public static class Stopwords
{
    private static readonly HashSet<string> s_words = new(StringComparer.Ordinal)
    {
        "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "in", "into",
        "is", "it", "its", "like", "of", "on", "or", "that", "the", "their", "them", "there", "these", "they", "this",
        "to", "via", "was", "what", "when", "where", "which", "who", "why", "with", "will", "would", "you", "your",
    };

    public static bool Contains(string word) => s_words.Contains(SearchText.Fold(word));

    /// <summary>A term that only a stop word makes up (a phrase never is one).</summary>
    public static bool IsStop(SearchTerm term) => !term.IsPhrase && !term.IsPrefix && Contains(term.Text);
}
