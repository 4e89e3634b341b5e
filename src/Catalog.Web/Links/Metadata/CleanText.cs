using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Fetched text is untrusted: this is the one place it becomes a value the catalog stores. Tags and entities become
/// text, control and bidirectional-override characters go, whitespace folds, length is capped; what is left empty is
/// nothing. Views still HTML-encode it like any other text.
/// </summary>
public static partial class CleanText
{
    public const int TitleLength = 300;
    public const int NameLength = 120;
    public const int AbstractLength = 4000;
    public const int ShortLength = 200;
    public const int MaxAuthors = 100;

    public static string? Line(string? text, int maxLength = ShortLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Crossref titles carry JATS markup (<i>, <sub>) and pages carry entities: both are text here.
        var plain = WebUtility.HtmlDecode(Tag().Replace(text.Length > maxLength * 8 ? text[..(maxLength * 8)] : text, " "));
        var builder = new StringBuilder(Math.Min(plain.Length, maxLength + 1));
        var space = false;
        foreach (var rune in plain.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                space = builder.Length > 0;
                continue;
            }

            if (IsInvisibleFormatting(rune))
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(rune.ToString());
            if (builder.Length >= maxLength)
            {
                break;
            }
        }

        var result = builder.ToString();
        if (result.Length > maxLength)
        {
            result = result[..maxLength];
        }

        if (result.Length > 0 && char.IsHighSurrogate(result[^1]))
        {
            result = result[..^1];
        }

        return result.Length == 0 ? null : result;
    }

    public static IReadOnlyList<string> Names(IEnumerable<string?> names) =>
        names.Select(n => Line(n, NameLength)).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxAuthors).ToList();

    /// <summary>An absolute http(s) URL, resolved against the page; anything else (javascript:, data:) is nothing.</summary>
    public static string? HttpUrl(string? text, Uri? baseUrl = null)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 2048)
        {
            return null;
        }

        Uri? url;
        if (baseUrl is null ? !Uri.TryCreate(trimmed, UriKind.Absolute, out url) : !Uri.TryCreate(baseUrl, trimmed, out url))
        {
            return null;
        }

        return url.Scheme is "http" or "https" ? url.AbsoluteUri : null;
    }

    /// <summary>A year from the start of a date in any common form ("2019", "2019-06-01", "2019/06/01", "June 2019").</summary>
    public static int? Year(string? date)
    {
        if (date is null)
        {
            return null;
        }

        var match = YearPattern().Match(date);
        return match.Success && int.Parse(match.Value, CultureInfo.InvariantCulture) is var year and >= 1600 and <= 2200 ? year : null;
    }

    /// <summary>An ISO date (or year-month) when the text starts with one, else its year; null when neither can be read.</summary>
    public static string? Date(string? date)
    {
        var line = Line(date, 40);
        if (line is null)
        {
            return null;
        }

        var iso = IsoDate().Match(line);
        if (iso.Success)
        {
            return iso.Value.Replace('/', '-');
        }

        // "June 2019" says a year and no day: keep what it says rather than invent the first of the month.
        return Year(line)?.ToString(CultureInfo.InvariantCulture);
    }

    // Zero-width and direction-changing characters: invisible in a label, and an RTL override can make one text look
    // like another.
    private static bool IsInvisibleFormatting(Rune rune) =>
        rune.Value is (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x061C or 0xFEFF or 0x00AD
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    [GeneratedRegex("<[^>]{0,500}>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<![0-9])(1[6-9][0-9]{2}|2[0-2][0-9]{2})(?![0-9])")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^[12][0-9]{3}(?:[-/][01][0-9](?:[-/][0-3][0-9])?)?")]
    private static partial Regex IsoDate();
}
