using AngleSharp.Html.Parser;

namespace Catalog.Tests.Import;

/// <summary>
/// The HtmlSanitizer package set to our allow-list, and a way to list what survives a sanitizer: each element, each
/// attribute, and each URL, as short strings that two outputs can be compared by.
/// </summary>
public static class SanitizerOracle
{
    private static readonly HtmlParser s_parser = new();

    private static readonly string[] s_urlAttributes = ["href", "src", "srcset", "cite", "background", "poster", "action", "formaction", "ping", "longdesc", "xlink:href"];

    /// <summary>The package with the same tags, attributes, schemes and classes as Import/HtmlSanitizer, and no CSS.</summary>
    public static Ganss.Xss.HtmlSanitizer Create()
    {
        var options = new Ganss.Xss.HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "em", "strong", "b", "i", "code", "pre", "ul", "ol", "li", "blockquote", "a", "img", "span", "div",
                "sup", "sub", "del", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "src", "alt", "width", "class", "align" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "ftp", "mailto" },
            UriAttributes = new HashSet<string>(s_urlAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "math" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        return new Ganss.Xss.HtmlSanitizer(options) { KeepChildNodes = true };
    }

    /// <summary>What a browser would find in <paramref name="html"/>: "tag", "tag[attribute]" and "tag[attribute]=url".</summary>
    public static HashSet<string> Survivors(string html)
    {
        var context = s_parser.ParseDocument("<!doctype html><html><body></body></html>").Body!;
        var survivors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in s_parser.ParseFragment(html, context))
        {
            if (node is AngleSharp.Dom.IElement root)
            {
                foreach (var element in root.QuerySelectorAll("*").Prepend(root))
                {
                    Add(element, survivors);
                }
            }
        }

        return survivors;
    }

    private static void Add(AngleSharp.Dom.IElement element, HashSet<string> survivors)
    {
        var tag = element.LocalName;
        survivors.Add(tag);
        foreach (var attribute in element.Attributes)
        {
            var name = attribute.Name.ToLowerInvariant();
            survivors.Add($"{tag}[{name}]");
            if (s_urlAttributes.Contains(name))
            {
                survivors.Add($"{tag}[{name}]={UrlAsCompared(attribute.Value)}");
            }
        }
    }

    // The package writes an absolute URL back as System.Uri reads it (a host gets a trailing slash); compare in that form.
    private static string UrlAsCompared(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? uri.AbsoluteUri : url;
}
