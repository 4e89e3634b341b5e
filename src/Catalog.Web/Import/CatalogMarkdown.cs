using Markdig;
using Markdig.Extensions.AutoLinks;

namespace Catalog.Web.Import;

/// <summary>The one Markdig pipeline of the catalog, built once: GitHub-flavoured enough for awesome lists, plus math.</summary>
public static class CatalogMarkdown
{
    // GFM's rule for bare "www." links: only after white space or one of these.
    private static readonly AutoLinkOptions s_autoLinks = new() { ValidPreviousCharacters = "*_~(" };

    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder { MaximumNestingDepth = SeedParser.MaxNestingDepth }
        .UsePipeTables()
        .UseAutoLinks(s_autoLinks)
        .Use(new SchemeAutoLinkExtension(s_autoLinks))
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseTaskLists()
        .Use(new TaskMarkerExtension())
        .UseMathematics()
        .Build();
}
