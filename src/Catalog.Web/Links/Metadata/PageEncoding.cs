using System.Text;
using System.Text.RegularExpressions;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Decodes a fetched page by the charset its Content-Type names, else a byte-order mark, else the &lt;meta charset&gt;
/// (or http-equiv) in its first bytes, else UTF-8. Legacy code pages (GBK, GB2312, Shift_JIS, windows-1251) come from
/// <see cref="CodePagesEncodingProvider"/>, asked directly rather than registered for the whole process.
/// </summary>
public static partial class PageEncoding
{
    private const int SniffBytes = 2048;

    public static string Decode(byte[] body, string? headerCharset)
    {
        var encoding = Named(headerCharset) ?? FromBom(body) ?? Named(MetaCharset(body)) ?? Encoding.UTF8;
        return encoding.GetString(body);
    }

    public static Encoding? Named(string? name)
    {
        name = name?.Trim().Trim('"', '\'');
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        // Browsers read GB2312 as GBK (its superset), as the WHATWG encoding standard says: pages labelled GB2312 use it.
        if (name.Equals("gb2312", StringComparison.OrdinalIgnoreCase) || name.Equals("gb_2312-80", StringComparison.OrdinalIgnoreCase))
        {
            name = "gbk";
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? FromBom(byte[] body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8,
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    private static string? MetaCharset(byte[] body)
    {
        var head = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, SniffBytes));
        var match = Charset().Match(head);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?(?<name>[A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Charset();
}
