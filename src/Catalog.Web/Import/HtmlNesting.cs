namespace Catalog.Web.Import;

/// <summary>
/// How deeply HTML nests, counted in one pass without parsing it: AngleSharp's tree builder does work in proportion to
/// the elements open at each tag (scope checks, reconstructing formatting elements), so deep HTML costs it time that
/// grows with the square of its size. Unclosed tags count as open to the end: that is what the tree builder sees.
/// </summary>
public static class HtmlNesting
{
    private static readonly HashSet<string> s_voidTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    public static int Depth(string html)
    {
        var depth = 0;
        return Depth(html, ref depth);
    }

    /// <summary>The deepest point of <paramref name="html"/>, which continues HTML already <paramref name="depth"/> deep.</summary>
    /// <param name="depth">The depth before the fragment; on return, the depth after it.</param>
    public static int Depth(string html, ref int depth)
    {
        var deepest = depth;
        var name = new System.Text.StringBuilder();
        for (var i = html.IndexOf('<'); i >= 0 && i + 1 < html.Length; i = html.IndexOf('<', i + 1))
        {
            var closing = html[i + 1] == '/';
            var j = closing ? i + 2 : i + 1;
            name.Clear();
            while (j < html.Length && char.IsAsciiLetterOrDigit(html[j]) && name.Length < 16)
            {
                name.Append(html[j++]);
            }

            if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
            {
                continue;
            }

            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (!s_voidTags.Contains(name.ToString()))
            {
                deepest = Math.Max(deepest, ++depth);
            }
        }

        return deepest;
    }
}
