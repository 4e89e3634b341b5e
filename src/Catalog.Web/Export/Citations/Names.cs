using System.Globalization;
using System.Text;

namespace Catalog.Web.Export.Citations;

/// <summary>Personal names as the citation formats split them: "Bengio, Yoshua" and "Yoshua Bengio" are the same person.</summary>
public static class Names
{
    public sealed record Name(string Family, string Given);

    public static Name Split(string author)
    {
        author = author.Trim();
        var comma = author.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            return new Name(author[..comma].Trim(), author[(comma + 1)..].Trim());
        }

        var space = author.LastIndexOf(' ');
        return space < 0 ? new Name(author, "") : new Name(author[(space + 1)..], author[..space].Trim());
    }

    /// <summary>Letters and digits only, accents dropped, lower case: a word fit for a citation key.</summary>
    public static string KeyPart(string text)
    {
        var key = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
        }

        return key.ToString();
    }
}
