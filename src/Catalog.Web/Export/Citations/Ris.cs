using System.Globalization;
using System.Text;

namespace Catalog.Web.Export.Citations;

/// <summary>
/// RIS records (the format Zotero, EndNote and Mendeley import): "TAG  - value" lines, CRLF, each record ending with
/// "ER  - ". JOUR and CPAPER when the venue says so, UNPB for an arXiv preprint, ELEC (a web page) otherwise.
/// </summary>
public static class Ris
{
    public static string Write(IReadOnlyList<CitationWork> works)
    {
        var keys = BibKeys.For(works);
        var ris = new StringBuilder();
        for (var i = 0; i < works.Count; i++)
        {
            Record(ris, keys[i], works[i]);
        }

        return ris.ToString();
    }

    private static void Record(StringBuilder ris, string key, CitationWork work)
    {
        var metadata = work.Metadata;
        var arxiv = work.Arxiv;
        var type = (metadata?.Venue, metadata?.VenueKind) switch
        {
            ({ }, VenueKind.Journal) => "JOUR",
            ({ }, VenueKind.Proceedings) => "CPAPER",
            _ when arxiv is not null => "UNPB",
            _ => "ELEC",
        };
        Line(ris, "TY", type);
        Line(ris, "ID", key);
        Line(ris, "TI", work.Title);
        foreach (var author in metadata?.Authors ?? [])
        {
            var name = Names.Split(author);
            Line(ris, "AU", name.Given.Length == 0 ? name.Family : $"{name.Family}, {name.Given}");
        }

        if ((metadata?.Year ?? arxiv?.Year) is { } year)
        {
            Line(ris, "PY", year.ToString(CultureInfo.InvariantCulture));
        }

        if (metadata?.Venue is { } venue)
        {
            Line(ris, type == "JOUR" ? "JO" : "T2", venue);
        }

        Line(ris, "UR", work.Url);
        if (metadata?.Doi is { } doi)
        {
            Line(ris, "DO", doi);
        }

        if (arxiv is not null)
        {
            Line(ris, "PB", "arXiv");
            Line(ris, "M1", "arXiv:" + arxiv.Id);
        }

        Line(ris, "KW", work.Kind);
        foreach (var topic in work.Topics)
        {
            Line(ris, "KW", topic);
        }

        ris.Append("ER  - \r\n");
    }

    // A value is one line: a line break inside it would start a new tag.
    private static void Line(StringBuilder ris, string tag, string value) =>
        ris.Append(tag).Append("  - ").Append(value.ReplaceLineEndings(" ")).Append("\r\n");
}
