using AngleSharp.Dom;

namespace Catalog.Tests.Security;

/// <summary>
/// What makes a parsed page "inert": nothing in it can run code or send the reader elsewhere on its own. Only the
/// site's own script files, no event handler attributes, no frames, plugins, base or refresh, no URL attribute with a
/// scheme other than http, https or mailto, and no style attribute that can load or evaluate anything.
/// </summary>
public static class InertMarkup
{
    private static readonly string[] s_forbiddenElements = ["iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math", "portal"];

    // Attributes a browser follows or loads: any of them with a script scheme runs code when clicked or loaded.
    private static readonly string[] s_urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "ping", "srcset"];

    private static readonly string[] s_allowedSchemes = ["http", "https", "mailto"];

    private static readonly string[] s_siteScriptFolders = ["/js/", "/lib/"];

    /// <summary>Every way <paramref name="page"/> is not inert, one line each naming the element; empty when it is.</summary>
    public static List<string> Problems(IDocument page)
    {
        var problems = new List<string>();
        foreach (var element in page.QuerySelectorAll("*"))
        {
            Check(element, problems);
        }

        return problems;
    }

    private static void Check(IElement element, List<string> problems)
    {
        var name = element.LocalName;
        if (s_forbiddenElements.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"<{name}> element: {Excerpt(element)}");
        }

        if (name == "script" && !IsSiteScript(element))
        {
            problems.Add($"script that is not one of the site's files: {Excerpt(element)}");
        }

        if (name == "meta" && string.Equals(element.GetAttribute("http-equiv")?.Trim(), "refresh", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"meta refresh: {Excerpt(element)}");
        }

        foreach (var attribute in element.Attributes)
        {
            CheckAttribute(element, attribute.Name.ToLowerInvariant(), attribute.Value, problems);
        }
    }

    private static void CheckAttribute(IElement element, string attribute, string value, List<string> problems)
    {
        if (attribute.StartsWith("on", StringComparison.Ordinal))
        {
            problems.Add($"event handler {attribute} on {Excerpt(element)}");
        }
        else if (s_urlAttributes.Contains(attribute) && SchemeOf(value) is { } scheme && !s_allowedSchemes.Contains(scheme))
        {
            problems.Add($"{scheme}: URL in {attribute} of {Excerpt(element)}");
        }
        else if (attribute == "style" && IsActiveStyle(value))
        {
            problems.Add($"style that loads or evaluates: {Excerpt(element)}");
        }
    }

    private static bool IsSiteScript(IElement script) =>
        script.GetAttribute("src") is { } src
        && s_siteScriptFolders.Any(folder => src.StartsWith(folder, StringComparison.Ordinal))
        && script.TextContent.Trim().Length == 0;

    /// <summary>The scheme as a browser reads it (control characters and spaces trimmed, tabs and newlines deleted).</summary>
    public static string? SchemeOf(string url)
    {
        var read = new string(url.Trim().Where(c => c >= ' ' && c != '\u007f').ToArray());
        var colon = read.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(read[0]))
        {
            return null;
        }

        var scheme = read[..colon];
        return scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? scheme.ToLowerInvariant() : null;
    }

    // CSS escapes and comments could hide the words, so they are judged with both removed.
    private static bool IsActiveStyle(string style)
    {
        var plain = new string(style.Where(c => c is not '\\' and not '/' and not '*' && !char.IsWhiteSpace(c)).ToArray());
        return plain.Contains("expression", StringComparison.OrdinalIgnoreCase)
            || plain.Contains("url(", StringComparison.OrdinalIgnoreCase)
            || plain.Contains("behavior", StringComparison.OrdinalIgnoreCase)
            || plain.Contains("-moz-binding", StringComparison.OrdinalIgnoreCase);
    }

    private static string Excerpt(IElement element)
    {
        var html = element.OuterHtml;
        return html.Length <= 160 ? html : html[..160] + "…";
    }
}
