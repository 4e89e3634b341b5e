using System.Text.RegularExpressions;

namespace Catalog.Web.Export.Citations;

/// <summary>
/// An arXiv identifier: new style (1806.07572) or old style (hep-th/9901001, whose archive is its primary class).
/// </summary>
public sealed partial record ArxivId(string Id, string? PrimaryClass)
{
    /// <summary>arxiv.org/abs/..., /pdf/... (with or without .pdf) and a version suffix, which a citation drops.</summary>
    public static ArxivId? FromUrl(string url)
    {
        var match = ArxivUrl().Match(url);
        return match.Success ? Parse(match.Groups["id"].Value) : null;
    }

    /// <summary>The year of submission, which every arXiv id encodes (YYMM or the old style's YYMMNNN).</summary>
    public int Year
    {
        get
        {
            var digits = Id.Contains('/') ? Id[(Id.IndexOf('/') + 1)..] : Id;
            var yy = (digits[0] - '0') * 10 + (digits[1] - '0');
            // Old-style ids began in 1991 and ended in 2007.
            return yy >= 91 ? 1900 + yy : 2000 + yy;
        }
    }

    public static ArxivId? Parse(string id)
    {
        var match = Identifier().Match(id);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["archive"].Success
            ? new ArxivId($"{match.Groups["archive"].Value}/{match.Groups["number"].Value}", match.Groups["archive"].Value.Split('.')[0])
            : new ArxivId(match.Groups["number"].Value, null);
    }

    [GeneratedRegex(@"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?<id>[^?#]+?)(?:\.pdf)?/?(?:[?#].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivUrl();

    [GeneratedRegex(@"^(?:arXiv:)?(?:(?<archive>[a-z-]+(?:\.[A-Z]{2})?)/(?<number>[0-9]{7})|(?<number>[0-9]{4}\.[0-9]{4,5}))(?:v[0-9]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Identifier();
}
