using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using Catalog.Web.Import;

namespace Catalog.Web.Pages.Topics;

/// <summary>
/// The images a topic's intro carries (an inline <c>&lt;img&gt;</c> or <c>![alt](src)</c> beside its words), as this site
/// shows them: a kept copy from <c>/figures/{sha256}</c>, and one not kept yet as a link to its original URL, so a page
/// view asks no other site for an image and the Content-Security-Policy allows images from this origin only. The intro
/// is stored as the sanitizer wrote it, before any figure was kept; which copies exist is known only when the page is
/// drawn, and the output cache keys the result by catalog version, which keeping a figure moves on.
/// </summary>
public sealed class IntroFigures
{
    private static readonly HtmlParser s_parser = new();

    private readonly INodeList? _nodes;
    private readonly List<IElement> _images;
    private readonly string _html;

    private IntroFigures(string html, INodeList? nodes, List<IElement> images)
    {
        _html = html;
        _nodes = nodes;
        _images = images;
    }

    /// <summary>The original URLs of the intro's images, to look their kept copies up by.</summary>
    public IReadOnlyList<string> Sources => [.. _images.Select(i => i.GetAttribute("src") ?? "").Distinct(StringComparer.Ordinal)];

    public static IntroFigures Of(string introHtml)
    {
        // Most intros have no image: they are not parsed at all.
        if (!introHtml.Contains("<img", StringComparison.OrdinalIgnoreCase))
        {
            return new IntroFigures(introHtml, null, []);
        }

        var context = s_parser.ParseDocument("<!doctype html><html><body></body></html>").Body!;
        var nodes = s_parser.ParseFragment(introHtml, context);
        var images = nodes.OfType<IElement>()
            .SelectMany(e => e.LocalName == "img" ? [e] : e.QuerySelectorAll("img").ToArray())
            .ToList();
        return new IntroFigures(introHtml, nodes, images);
    }

    /// <summary>The intro with each image pointed at its kept copy (by original URL), or replaced by a link to where it lives.</summary>
    public string Render(IReadOnlyDictionary<string, string> keptBySource)
    {
        if (_nodes is null)
        {
            return _html;
        }

        foreach (var image in _images)
        {
            var src = image.GetAttribute("src") ?? "";
            if (keptBySource.TryGetValue(src, out var sha256))
            {
                image.SetAttribute("src", KeptFigure.Href(sha256));
                continue;
            }

            if (Urls.IsSafeImageSource(src))
            {
                image.Replace(ElsewhereLink(image, src));
            }
            else
            {
                image.Remove(); // the sanitizer keeps none of these; an intro stored before it is not trusted either
            }
        }

        var output = new StringBuilder(_html.Length);
        using var writer = new StringWriter(output);
        foreach (var node in _nodes)
        {
            node.ToHtml(writer, HtmlMarkupFormatter.Instance);
        }

        return output.ToString();
    }

    private static INode ElsewhereLink(IElement image, string src)
    {
        var document = image.Owner!;
        var link = document.CreateElement("a");
        link.SetAttribute("href", src);
        link.SetAttribute("rel", "noopener noreferrer");
        link.ClassName = "figure-link";
        link.TextContent = KeptFigure.LinkText(image.GetAttribute("alt"), src);
        return link;
    }
}
