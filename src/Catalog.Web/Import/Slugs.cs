using System.Globalization;
using System.Text;

namespace Catalog.Web.Import;

/// <summary>Readable, URL-safe topic slugs that keep letters of every script (Chinese stays Chinese).</summary>
public static class Slugs
{
    private const int MaxLength = 80;

    /// <summary>The base slug of a title: letters and digits lower-cased, everything else one dash; "topic" when empty.</summary>
    public static string From(string title)
    {
        var folded = title.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(folded.Length);
        var dash = false;
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (dash && sb.Length > 0)
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else
            {
                dash = true;
            }

            if (sb.Length >= MaxLength)
            {
                break;
            }
        }

        return sb.Length == 0 ? "topic" : sb.ToString();
    }

    /// <summary>A slug not in <paramref name="taken"/>: the base, else base-2, base-3, ... (deterministic in document order).</summary>
    public static string Unique(string baseSlug, ISet<string> taken)
    {
        var slug = baseSlug;
        for (var n = 2; !taken.Add(slug); n++)
        {
            slug = $"{baseSlug}-{n}";
        }

        return slug;
    }
}
