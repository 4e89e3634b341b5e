using System.Globalization;
using System.Text;

namespace Catalog.Web.Export;

/// <summary>
/// /export/links.csv: one row per mention (a link listed in three topics is three rows), RFC 4180: CRLF line ends, a
/// header row, fields quoted when they hold a comma, a quote or a line break, quotes doubled. UTF-8 with a byte order
/// mark: without it, Excel reads the file as the machine's legacy code page and garbles every non-ASCII label.
/// </summary>
public static class LinksCsv
{
    public static readonly string[] Header = ["url", "label", "kind", "host", "topic", "topic_path", "source", "place", "context", "added_at", "link_id"];

    public static async Task WriteAsync(CatalogSnapshot catalog, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Row(Header));
        var sources = catalog.Sources.ToDictionary(s => s.Id, s => s.Name);
        foreach (var topic in catalog.Topics)
        {
            var path = catalog.PathOf(topic.Id);
            foreach (var mention in catalog.MentionsByTopic[topic.Id])
            {
                var link = catalog.Links[mention.LinkId];
                await writer.WriteLineAsync(Row(
                [
                    link.Url, mention.Label, link.Kind, link.Host, topic.Slug, path, sources[topic.SourceId],
                    mention.Place.ToString().ToLowerInvariant(), mention.Context ?? "",
                    catalog.AddedAt(link).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    link.Id.ToString(CultureInfo.InvariantCulture),
                ]));
            }
        }

        await writer.FlushAsync(ct);
    }

    internal static string Row(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    private static string Field(string value) => value.AsSpan().IndexOfAny(",\"\r\n") >= 0
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
