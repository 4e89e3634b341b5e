using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// A PDF's own title, read by hand from the bytes the fetcher kept (at most MaxBytes): the XMP packet's dc:title
/// (UTF-8 XML), else the document information dictionary's /Title (a PDF string: literal or hex, PDFDocEncoding or
/// UTF-16BE with its byte-order mark). Either may sit in a compressed object stream or past the cap; then there is no
/// title, never a guess. The result is untrusted text like any fetched title: cleaned and capped.
/// </summary>
public static partial class PdfMetadata
{
    public static string? Title(byte[] pdf)
    {
        // Latin-1 maps each byte to one char, so positions in the text are positions in the bytes.
        var text = Encoding.Latin1.GetString(pdf);
        var title = XmpTitle(pdf, text) ?? InfoTitle(text);
        return title is null || FileName().IsMatch(title) ? null : CleanText.Line(title, CleanText.TitleLength);
    }

    private static string? XmpTitle(byte[] pdf, string text)
    {
        var match = XmpDcTitle().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"];
        var xml = Encoding.UTF8.GetString(pdf, value.Index, value.Length);
        return NonBlank(WebUtility.HtmlDecode(xml));
    }

    private static string? InfoTitle(string text)
    {
        foreach (Match key in InfoTitleKey().Matches(text))
        {
            var start = key.Index + key.Length;
            var bytes = start < text.Length && text[start] == '(' ? Literal(text, start) : Hex(text, start);
            if (bytes is not null && NonBlank(Decode(bytes)) is { } title)
            {
                return title;
            }
        }

        return null;
    }

    // A literal string from its opening parenthesis: balanced parentheses, backslash escapes, octal codes.
    private static byte[]? Literal(string text, int open)
    {
        var bytes = new List<byte>();
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '(' when depth++ == 0:
                    continue;
                case ')' when --depth == 0:
                    return [.. bytes];
                case '\\' when i + 1 < text.Length:
                    i = Escape(text, i + 1, bytes);
                    continue;
            }

            bytes.Add((byte)c);
        }

        return null; // unterminated: cut off by the cap
    }

    // Returns the index of the escape's last character.
    private static int Escape(string text, int i, List<byte> bytes)
    {
        var c = text[i];
        if (c is >= '0' and <= '7')
        {
            var end = i;
            var code = 0;
            while (end < text.Length && end < i + 3 && text[end] is >= '0' and <= '7')
            {
                code = code * 8 + (text[end++] - '0');
            }

            bytes.Add((byte)code);
            return end - 1;
        }

        switch (c)
        {
            case '\r':
                return i + 1 < text.Length && text[i + 1] == '\n' ? i + 1 : i; // a line continuation
            case '\n':
                return i;
        }

        bytes.Add(c switch { 'n' => (byte)'\n', 'r' => (byte)'\r', 't' => (byte)'\t', 'b' => 8, 'f' => 12, _ => (byte)c });
        return i;
    }

    private static byte[]? Hex(string text, int start)
    {
        var match = HexString().Match(text, start);
        if (!match.Success || match.Index != start)
        {
            return null;
        }

        var digits = WhiteSpace().Replace(match.Groups["digits"].Value, "");
        if (digits.Length % 2 == 1)
        {
            digits += "0"; // the specification's rule for an odd count
        }

        return Convert.FromHexString(digits);
    }

    private static string Decode(byte[] bytes) => bytes switch
    {
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2),
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3),
        // PDFDocEncoding agrees with Latin-1 on every printable character a title uses.
        _ => Encoding.Latin1.GetString(bytes),
    };

    private static string? NonBlank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [GeneratedRegex(@"<dc:title\b[^>]*>.*?<rdf:li\b[^>]*>(?<value>[^<]*)</rdf:li>", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex XmpDcTitle();

    [GeneratedRegex(@"/Title\s*(?=[(<])")]
    private static partial Regex InfoTitleKey();

    [GeneratedRegex(@"<(?<digits>[0-9A-Fa-f\s]*)>")]
    private static partial Regex HexString();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // What word processors leave as a title when the author set none: the file's own name.
    [GeneratedRegex(@"^(Microsoft Word - .*|.*\.(docx?|tex|dvi|pdf|ps|odt|rtf))$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();
}
