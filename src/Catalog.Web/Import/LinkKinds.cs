namespace Catalog.Web.Import;

/// <summary>
/// The one table that says what kind of resource a link is, from its host and path. Rules are tried in order; the
/// first match wins. Add a row here to teach the catalog a new site.
/// </summary>
public static class LinkKinds
{
    public const string Paper = "paper";
    public const string Code = "code";
    public const string Course = "course";
    public const string Video = "video";
    public const string Blog = "blog";
    public const string Book = "book";
    public const string Event = "event";
    public const string Person = "person";
    public const string Other = "other";

    /// <summary>Every kind, in the order pages list them.</summary>
    public static readonly IReadOnlyList<string> All = [Paper, Code, Course, Video, Blog, Book, Event, Person, Other];

    private sealed record Rule(string Kind, string? Host, string? PathContains, string? PathEndsWith = null, string? HostContains = null)
    {
        /// <summary>".host": made once, not per URL and rule (an import classifies tens of thousands of URLs).</summary>
        public string? SubdomainSuffix { get; } = Host is null ? null : "." + Host;
    }

    private static readonly Rule[] s_rules =
    [
        // SIAM serves books under /doi/ too: the book rule must come before the paper rule below.
        new(Book, "epubs.siam.org", "/doi/book/"),
        // Papers: preprint servers, DOIs, proceedings, PDFs.
        new(Paper, "arxiv.org", null),
        new(Paper, "arxiv-vanity.com", null),
        new(Paper, "openreview.net", null),
        new(Paper, "doi.org", null),
        new(Paper, "papers.nips.cc", null),
        new(Paper, "proceedings.neurips.cc", null),
        new(Paper, "proceedings.mlr.press", null),
        new(Paper, "jmlr.org", null),
        new(Paper, "aclanthology.org", null),
        new(Paper, "openaccess.thecvf.com", null),
        new(Paper, "ieeexplore.ieee.org", null),
        new(Paper, "dl.acm.org", null),
        new(Paper, "sciencedirect.com", null),
        new(Paper, "nature.com", null),
        new(Paper, "pnas.org", null),
        new(Paper, "epubs.siam.org", "/doi/"),
        new(Paper, "semanticscholar.org", null),
        new(Paper, "biorxiv.org", null),
        new(Paper, "doaj.org", null),
        new(Paper, "researchgate.net", "/publication/"),
        new(Paper, null, null, HostContains: "proceedings"),
        new(Paper, null, "/proceedings"),
        new(Paper, null, null, ".pdf"),
        // Code.
        new(Code, "github.com", null),
        new(Code, "gitlab.com", null),
        new(Code, "bitbucket.org", null),
        new(Code, "pkg.go.dev", null),
        new(Code, "pypi.org", null),
        new(Code, "readthedocs.io", null),
        new(Code, "readthedocs.org", null),
        // Video.
        new(Video, "youtube.com", null),
        new(Video, "youtu.be", null),
        new(Video, "vimeo.com", null),
        new(Video, "bilibili.com", null),
        new(Video, "videolectures.net", null),
        // Courses.
        new(Course, "coursera.org", null),
        new(Course, "edx.org", null),
        new(Course, "udacity.com", null),
        new(Course, "ocw.mit.edu", null),
        new(Course, null, "/course"),
        new(Course, null, "/teaching"),
        new(Course, null, "/class"),
        new(Course, null, "/lecture"),
        // Books.
        new(Book, "link.springer.com", "/book/"),
        new(Book, "oreilly.com", null),
        new(Book, "manning.com", null),
        new(Book, null, "/book"),
        new(Book, null, "/ebook"),
        // Events and workshops.
        new(Event, null, "/event"),
        new(Event, null, "workshop"),
        new(Event, null, null, HostContains: "workshop"),
        new(Event, null, "/conferences/"),
        new(Event, null, "/programs/"),
        new(Event, null, "/summer-school"),
        new(Event, null, "/symposium"),
        new(Event, "sites.google.com", "/deeplearningtheory"),
        // Blogs and articles.
        new(Blog, "medium.com", null),
        new(Blog, "zhuanlan.zhihu.com", null),
        new(Blog, "blog.csdn.net", null),
        new(Blog, "towardsdatascience.com", null),
        new(Blog, "distill.pub", null),
        new(Blog, "quantamagazine.org", null),
        new(Blog, "phys.org", null),
        new(Blog, "substack.com", null),
        new(Blog, "wordpress.com", null),
        new(Blog, "blogspot.com", null),
        new(Blog, null, "/blog"),
        new(Blog, null, "/news"),
        new(Blog, null, "/article"),
        // People and their homepages.
        new(Person, null, "/people/"),
        new(Person, null, "/~"),
        new(Person, null, "/profile/"),
        new(Person, null, "/mitglieder/"),
        new(Person, null, "/pers/"),
        new(Person, "scholar.google.com", null),
    ];

    /// <summary>The kind of a link, by the first matching rule; <see cref="Other"/> when none matches.</summary>
    public static string Classify(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Other;
        }

        var host = uri.Host.ToLowerInvariant();
        var path = Uri.UnescapeDataString(uri.AbsolutePath).ToLowerInvariant();
        foreach (var rule in s_rules)
        {
            if (rule.Host is not null && host != rule.Host && !host.EndsWith(rule.SubdomainSuffix!, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.HostContains is not null && !host.Contains(rule.HostContains, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.PathContains is not null && !path.Contains(rule.PathContains, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.PathEndsWith is not null && !path.EndsWith(rule.PathEndsWith, StringComparison.Ordinal))
            {
                continue;
            }

            return rule.Kind;
        }

        return IsRootOfGitHubPages(host, path) ? KindOfGitHubPagesSite(host) : Other;
    }

    private static readonly string[] s_projectWords = ["learning", "reading", "course", "class", "lab", "group", "math", "theory"];

    private static bool IsRootOfGitHubPages(string host, string path) =>
        host.EndsWith(".github.io", StringComparison.Ordinal) && path is "/" or "";

    // A *.github.io root is most often a person's homepage ("beenkim.github.io"); one with a year or number in its
    // name is an event ("pbdl2019", "dl4physicalsciences"), and one named for a subject or a group is a course or
    // project site ("uvadlc" stays a person: names can't all be told apart).
    private static string KindOfGitHubPagesSite(string host)
    {
        var name = host[..host.IndexOf('.', StringComparison.Ordinal)];
        if (name.Any(char.IsAsciiDigit))
        {
            return Event;
        }

        return s_projectWords.Any(word => name.Contains(word, StringComparison.Ordinal)) ? Other : Person;
    }
}
