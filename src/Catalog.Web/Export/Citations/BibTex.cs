using System.Globalization;
using System.Text;

namespace Catalog.Web.Export.Citations;

/// <summary>
/// BibTeX entries (the BibTeX manual, "Entry types" and "Fields"): @article when the venue is a journal,
/// @inproceedings when it is a proceedings, otherwise @misc with howpublished and url. arXiv works carry eprint,
/// archivePrefix and primaryClass (biblatex and natbib styles link them). Text fields escape TeX's specials; non-ASCII
/// stays UTF-8 (biber and bibtexu read it; a .bib is served as UTF-8). URLs are verbatim inside \url, only the
/// characters that would break the braces are percent-encoded.
/// </summary>
public static class BibTex
{
    public static string Write(IReadOnlyList<CitationWork> works)
    {
        var keys = BibKeys.For(works);
        var bib = new StringBuilder();
        for (var i = 0; i < works.Count; i++)
        {
            if (i > 0)
            {
                bib.Append('\n');
            }

            Entry(bib, keys[i], works[i]);
        }

        return bib.ToString();
    }

    private static void Entry(StringBuilder bib, string key, CitationWork work)
    {
        var metadata = work.Metadata;
        var type = metadata?.Venue is null ? "misc" : metadata.VenueKind switch
        {
            VenueKind.Journal => "article",
            VenueKind.Proceedings => "inproceedings",
            _ => "misc",
        };
        var fields = new List<(string Name, string Value)> { ("title", Text(work.Title)) };
        if (metadata?.Authors is { Count: > 0 } authors)
        {
            fields.Add(("author", string.Join(" and ", authors.Select(Author))));
        }

        var arxiv = work.Arxiv;
        if ((metadata?.Year ?? arxiv?.Year) is { } year)
        {
            fields.Add(("year", year.ToString(CultureInfo.InvariantCulture)));
        }

        switch (type)
        {
            case "article":
                fields.Add(("journal", Text(metadata!.Venue!)));
                break;
            case "inproceedings":
                fields.Add(("booktitle", Text(metadata!.Venue!)));
                break;
            default:
                fields.Add(("howpublished", @"\url{" + Url(work.Url) + "}"));
                break;
        }

        fields.Add(("url", Url(work.Url)));
        if (metadata?.Doi is { } doi)
        {
            fields.Add(("doi", Url(doi)));
        }

        if (arxiv is not null)
        {
            fields.Add(("eprint", arxiv.Id));
            fields.Add(("archivePrefix", "arXiv"));
            if ((metadata?.PrimaryClass ?? arxiv.PrimaryClass) is { } primaryClass)
            {
                fields.Add(("primaryClass", Text(primaryClass)));
            }
        }

        fields.Add(("keywords", Text(work.Kind)));
        if (work.Topics.Count > 0)
        {
            fields.Add(("note", Text("Listed in: " + string.Join("; ", work.Topics))));
        }

        bib.Append('@').Append(type).Append('{').Append(key).Append(",\n");
        foreach (var (name, value) in fields)
        {
            bib.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");
        }

        bib.Append("}\n");
    }

    // "Last, First" keeps a multi-word surname together (the manual's "von Last, Jr, First" form); braces protect a
    // one-word name given as one token.
    private static string Author(string author)
    {
        var name = Names.Split(author);
        return name.Given.Length == 0 ? "{" + Text(name.Family) + "}" : Text(name.Family) + ", " + Text(name.Given);
    }

    /// <summary>A field's text with TeX's ten special characters made literal.</summary>
    public static string Text(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&' or '%' or '$' or '#' or '_':
                    escaped.Append('\\').Append(c);
                    break;

                // BibTeX counts every brace, escaped or not, when it finds where a field ends: a lone "\{" would
                // unbalance the entry. The text macros print the brace and keep the count even.
                case '{':
                    escaped.Append(@"\textbraceleft{}");
                    break;
                case '}':
                    escaped.Append(@"\textbraceright{}");
                    break;
                case '\\':
                    escaped.Append(@"\textbackslash{}");
                    break;
                case '~':
                    escaped.Append(@"\textasciitilde{}");
                    break;
                case '^':
                    escaped.Append(@"\textasciicircum{}");
                    break;
                case '\n' or '\r' or '\t':
                    escaped.Append(' ');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    // Inside \url and url fields the characters are taken verbatim, except the ones that would end the field or the
    // macro early.
    private static string Url(string url) => url
        .Replace("\\", "%5C", StringComparison.Ordinal)
        .Replace("{", "%7B", StringComparison.Ordinal)
        .Replace("}", "%7D", StringComparison.Ordinal)
        .Replace(" ", "%20", StringComparison.Ordinal);
}
