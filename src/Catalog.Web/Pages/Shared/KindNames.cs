using Catalog.Web.Import;

namespace Catalog.Web.Pages.Shared;

/// <summary>How the pages name each kind of <see cref="LinkKinds"/>.</summary>
public static class KindNames
{
    private static readonly Dictionary<string, string> s_names = new(StringComparer.Ordinal)
    {
        [LinkKinds.Paper] = "Papers",
        [LinkKinds.Code] = "Code",
        [LinkKinds.Course] = "Courses",
        [LinkKinds.Video] = "Videos",
        [LinkKinds.Blog] = "Blogs and articles",
        [LinkKinds.Book] = "Books",
        [LinkKinds.Event] = "Events and workshops",
        [LinkKinds.Person] = "People",
        [LinkKinds.Other] = "Other links",
    };

    public static string Of(string kind) => s_names.GetValueOrDefault(kind, kind);
}
