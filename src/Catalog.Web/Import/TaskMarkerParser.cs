using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace Catalog.Web.Import;

/// <summary>
/// A task list marker only when GFM says so: "[ ]" or "[x]" followed by white space. Markdig's parser also takes the
/// "[x]" of "* [x](https://x.org)" or "* [X](https://x.com/...)", and the link is lost.
/// </summary>
public sealed class TaskMarkerParser : TaskListInlineParser
{
    public override bool Match(InlineProcessor processor, ref StringSlice slice) =>
        slice.PeekCharExtra(3).IsWhiteSpaceOrZero() && base.Match(processor, ref slice);
}

/// <summary>Swaps Markdig's task list parser for <see cref="TaskMarkerParser"/>; add it after <c>UseTaskLists()</c>.</summary>
public sealed class TaskMarkerExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<TaskMarkerParser>())
        {
            pipeline.InlineParsers.Replace<TaskListInlineParser>(new TaskMarkerParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }
}
