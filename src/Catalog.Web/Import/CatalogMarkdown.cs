using Markdig;
using Markdig.Extensions.AutoLinks;

namespace Catalog.Web.Import;

/// <summary>The one Markdig pipeline of the catalog, built once: GitHub-flavoured enough for awesome lists, plus math.</summary>
public static class CatalogMarkdown
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks(new AutoLinkOptions { ValidPreviousCharacters = "*_~(" })
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseTaskLists()
        .UseMathematics()
        .Build();
}
