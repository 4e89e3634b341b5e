using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Catalog.Web.Import;

/// <summary>
/// The only path by which seed HTML reaches a page: keeps an allow-list of tags and attributes, drops dangerous
/// elements with their content, unwraps everything else, and lets only http(s)/mailto URLs through.
/// </summary>
public static class HtmlSanitizer
{
    private static readonly HashSet<string> s_allowedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "em", "strong", "b", "i", "code", "pre", "ul", "ol", "li", "blockquote", "a", "img", "span", "div",
        "sup", "sub", "del", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
    };

    private static readonly HashSet<string> s_droppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "frame", "frameset", "noscript", "template", "svg", "math",
        "form", "input", "button", "textarea", "select", "link", "meta", "base", "title", "head",
    };

    private static readonly HtmlParser s_parser = new();

    public static string Sanitize(string html)
    {
        var document = s_parser.ParseDocument("<!doctype html><html><body></body></html>");
        var body = document.Body!;
        var nodes = s_parser.ParseFragment(html, body);
        foreach (var node in nodes.ToList())
        {
            body.AppendChild(node);
        }

        Clean(body);
        return body.InnerHtml;
    }

    private static void Clean(INode parent)
    {
        foreach (var node in parent.ChildNodes.ToList())
        {
            switch (node)
            {
                case IElement element when s_droppedWithContent.Contains(element.LocalName):
                    element.Remove();
                    break;
                case IElement element when !s_allowedTags.Contains(element.LocalName):
                    Clean(element);
                    Unwrap(element);
                    break;
                case IElement element:
                    CleanAttributes(element);
                    Clean(element);
                    break;
                case IComment comment:
                    comment.Remove();
                    break;
            }
        }
    }

    private static void Unwrap(IElement element)
    {
        var parent = element.Parent!;
        foreach (var child in element.ChildNodes.ToList())
        {
            parent.InsertBefore(child, element);
        }

        element.Remove();
    }

    private static void CleanAttributes(IElement element)
    {
        foreach (var attribute in element.Attributes.ToList())
        {
            if (!IsAllowed(element.LocalName, attribute.LocalName, attribute.Value))
            {
                element.RemoveAttribute(attribute.NamespaceUri, attribute.LocalName);
            }
        }

        switch (element.LocalName)
        {
            case "a" when element.HasAttribute("href"):
                element.SetAttribute("rel", "noopener noreferrer");
                break;
            case "img" when !element.HasAttribute("src"):
                element.Remove();
                break;
            case "img":
                element.SetAttribute("loading", "lazy");
                break;
        }
    }

    private static bool IsAllowed(string tag, string attribute, string value) => (tag, attribute) switch
    {
        ("a", "href") => Urls.IsSafe(value),
        ("a", "title") => true,
        ("img", "src") => Urls.IsSafeImageSource(value),
        ("img", "alt") => true,
        ("img", "width") => IsLength(value),
        ("span" or "div", "class") => value is "math",
        ("td" or "th", "align") => value is "left" or "right" or "center",
        _ => false,
    };

    private static bool IsLength(string value) =>
        value.Length is > 0 and <= 6 && value.TrimEnd('%').All(char.IsAsciiDigit) && value.TrimEnd('%').Length > 0;
}
