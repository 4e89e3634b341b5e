using System.Globalization;

namespace Catalog.Web.Pages.Shared;

/// <summary>
/// One page of a long list (topic, host and kind pages): <c>?page=N</c>, <see cref="Size"/> rows a page. Only the
/// plain decimal of a page that exists is a page: anything else is a 404, so each page has exactly one cached URL.
/// </summary>
public sealed record Paging(int Page, int Total, string Path)
{
    public const int Size = 200;

    public const string Parameter = "page";

    public int PageCount => Math.Max(1, (Total + Size - 1) / Size);

    public int Skip => (Page - 1) * Size;

    public bool IsPaged => PageCount > 1;

    public bool Exists => Page <= PageCount;

    public string? PreviousHref => Page > 1 ? Href(Page - 1) : null;

    public string? NextHref => Page < PageCount ? Href(Page + 1) : null;

    /// <summary>The first page is the bare path, so the page a link elsewhere points to is the page that is cached.</summary>
    public string Href(int page) => page == 1 ? Path : Path + "?" + Parameter + "=" + page.ToString(CultureInfo.InvariantCulture);

    /// <summary>The page number asked for (the first value, as the cache keys it): 1 when absent, null when not a page number.</summary>
    public static int? Requested(IQueryCollection query)
    {
        if (!query.TryGetValue(Parameter, out var values))
        {
            return 1;
        }

        var text = values.FirstOrDefault() ?? "";
        return text.Length is > 0 and <= 9 && text[0] is >= '1' and <= '9' && text.All(char.IsAsciiDigit)
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : null;
    }
}
