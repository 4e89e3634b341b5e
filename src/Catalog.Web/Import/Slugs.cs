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
        var sb = new StringBuilder(title.Length);
        var dash = false;
        Rune? letter = null;
        foreach (var rune in title.Normalize(NormalizationForm.FormKD).EnumerateRunes())
        {
            if (sb.Length + rune.Utf16SequenceLength >= MaxLength)
            {
                break;
            }

            if (IsMark(rune))
            {
                // A mark belongs to the letter before it: dropped from Latin ("Café" -> "cafe", as people type it),
                // kept elsewhere (が is not か); an emoji's variation selector has no letter and goes.
                if (letter is { Value: >= 0x250 })
                {
                    sb.Append(rune.ToString());
                }

                continue;
            }

            if (!Rune.IsLetterOrDigit(rune))
            {
                dash = sb.Length > 0;
                letter = null;
                continue;
            }

            if (dash)
            {
                sb.Append('-');
                dash = false;
            }

            sb.Append(Rune.ToLowerInvariant(rune).ToString());
            letter = rune;
        }

        // Compose again what FormKD took apart (Hangul syllables, kana with voicing marks) so the slug reads as written.
        return sb.Length == 0 ? "topic" : sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>A slug not in <paramref name="taken"/>: the base, else base-2, base-3, ... (deterministic in document order).</summary>
    /// <param name="nextSuffix">Where to resume counting for each base, so 100,000 equal headings stay linear.</param>
    public static string Unique(string baseSlug, ISet<string> taken, IDictionary<string, int>? nextSuffix = null)
    {
        var slug = baseSlug;
        var n = nextSuffix?.TryGetValue(baseSlug, out var next) == true ? next : 2;
        while (!taken.Add(slug))
        {
            slug = $"{baseSlug}-{n++}";
        }

        if (nextSuffix is not null)
        {
            nextSuffix[baseSlug] = n;
        }

        return slug;
    }
}
