using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Catalog.Web.Pages.Shared;

/// <summary>
/// What a page says about itself to search engines and link previews: the text of its meta description and of its
/// OpenGraph and Twitter-card tags, set by the page and written once by the layout.
/// </summary>
public static partial class PageDescription
{
    /// <summary>What a page that says nothing of itself is described as: the catalog as a whole.</summary>
    public const string Catalog = "Papers, courses, talks, code and the people behind them, gathered from a curated reading list on the science of deep learning.";

    /// <summary>Search engines show about this many characters; a longer description is cut at a word.</summary>
    public const int MaxLength = 200;

    private const string DescriptionKey = "Description";
    private const string TypeKey = "OpenGraphType";

    /// <summary>Describes the page: <paramref name="type"/> is its og:type ("website" for lists, "article" for one thing).</summary>
    public static void Set(ViewDataDictionary viewData, string description, string type = "website")
    {
        viewData[DescriptionKey] = Shorten(description);
        viewData[TypeKey] = type;
    }

    public static string Of(ViewDataDictionary viewData) => viewData[DescriptionKey] as string ?? Catalog;

    public static string TypeOf(ViewDataDictionary viewData) => viewData[TypeKey] as string ?? "website";

    /// <summary>The first sentence of sanitized HTML, as plain text; empty when it has no text.</summary>
    public static string FirstSentence(string html)
    {
        // Sanitized HTML has every '<' of its text encoded, so each tag is exactly one match here.
        var text = Squash(WebUtility.HtmlDecode(Tag().Replace(html, " ")));
        var end = SentenceEnd().Match(text);
        return end.Success ? text[..(end.Index + 1)] : text;
    }

    private static string Shorten(string text)
    {
        text = Squash(text);
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxLength - 1);
        return text[..(cut > 0 ? cut : MaxLength - 1)].TrimEnd(',', ';', ':') + "…";
    }

    private static string Squash(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A full stop, question or exclamation mark followed by a space and a capital letter or digit ends a sentence;
    // "e.g. the" and "v1.2" do not.
    [GeneratedRegex(@"[.!?](?=\s+[\p{Lu}\p{N}])")]
    private static partial Regex SentenceEnd();
}
