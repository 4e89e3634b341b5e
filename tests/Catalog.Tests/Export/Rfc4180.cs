using System.Text;

namespace Catalog.Tests.Export;

/// <summary>
/// A CSV reader written from RFC 4180's grammar (section 2), strict where the RFC is: records end in CRLF, a quoted field
/// may hold commas, CRLF and doubled quotes, an unquoted field may hold none of them.
/// </summary>
public static class Rfc4180
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var i = 0;
        while (i < text.Length)
        {
            var record = new List<string>();
            while (true)
            {
                record.Add(Field(text, ref i));
                if (i >= text.Length)
                {
                    break;
                }

                if (text[i] == ',')
                {
                    i++;
                    continue;
                }

                Assert.True(text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n', $"expected CRLF at {i}");
                i += 2;
                break;
            }

            records.Add(record);
        }

        return records;
    }

    private static string Field(string text, ref int i)
    {
        var field = new StringBuilder();
        if (i < text.Length && text[i] == '"')
        {
            i++;
            while (true)
            {
                Assert.True(i < text.Length, "unterminated quoted field");
                if (text[i] == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    i++;
                    return field.ToString();
                }

                field.Append(text[i++]);
            }
        }

        while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
        {
            Assert.NotEqual('"', text[i]);
            field.Append(text[i++]);
        }

        Assert.False(i < text.Length && text[i] == '\n', "a bare LF ends no record");
        return field.ToString();
    }
}
