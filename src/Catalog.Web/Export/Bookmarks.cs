using System.Globalization;
using System.Net;
using System.Text;

namespace Catalog.Web.Export;

/// <summary>
/// /export/bookmarks.html in the Netscape bookmark file format that browsers, linkding, LinkAce, Karakeep, Shaarli and
/// wallabag import: one folder per topic, nested like the topic tree; each link once per topic, with ADD_DATE from the
/// import that added it and its kind as a tag. Seconds since the epoch, as browsers write them.
/// </summary>
public static class Bookmarks
{
    public static async Task WriteAsync(CatalogSnapshot catalog, Stream output, CancellationToken ct)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE NETSCAPE-Bookmark-file-1>
            <!-- This is an automatically generated file.
                 It will be read and overwritten.
                 DO NOT EDIT! -->
            <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
            <TITLE>Bookmarks</TITLE>
            <H1>Catalog</H1>
            <DL><p>

            """);
        foreach (var root in catalog.Children[null])
        {
            Folder(html, catalog, root, 1);
        }

        html.Append("</DL><p>\n");
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html.ToString());
        await output.WriteAsync(bytes, ct);
    }

    private static void Folder(StringBuilder html, CatalogSnapshot catalog, CatalogSnapshot.TopicRow topic, int depth)
    {
        var indent = new string(' ', depth * 4);
        var folderDate = catalog.Sources.Where(s => s.Id == topic.SourceId).Select(s => s.ImportedAt).FirstOrDefault();
        html.Append(CultureInfo.InvariantCulture, $"{indent}<DT><H3 ADD_DATE=\"{Seconds(folderDate)}\">{Encode(topic.Title)}</H3>\n");
        html.Append(CultureInfo.InvariantCulture, $"{indent}<DL><p>\n");
        var seen = new HashSet<int>();
        foreach (var mention in catalog.MentionsByTopic[topic.Id].OrderBy(m => m.Place == Import.LinkPlace.Quote))
        {
            if (!seen.Add(mention.LinkId))
            {
                continue;
            }

            var link = catalog.Links[mention.LinkId];
            html.Append(CultureInfo.InvariantCulture,
                $"{indent}    <DT><A HREF=\"{Encode(link.Url)}\" ADD_DATE=\"{Seconds(catalog.AddedAt(link))}\" TAGS=\"{Encode(link.Kind)}\">{Encode(mention.Label)}</A>\n");
            if (mention.Context is { Length: > 0 } context)
            {
                html.Append(CultureInfo.InvariantCulture, $"{indent}    <DD>{Encode(context)}\n");
            }
        }

        foreach (var child in catalog.Children[topic.Id])
        {
            Folder(html, catalog, child, depth + 1);
        }

        html.Append(CultureInfo.InvariantCulture, $"{indent}</DL><p>\n");
    }

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    // Label, context and URL are the curator's text: encoded, so a "<" in a label is text and not markup.
    private static string Encode(string text) => WebUtility.HtmlEncode(text.Replace('\n', ' '));
}
