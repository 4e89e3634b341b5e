using Catalog.Web.Import;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>baseline-parse &lt;file.md&gt;</c>: the least any importer must do, in a whole process of its own: read the file,
/// parse it with the catalog's Markdig pipeline and visit every node once. The import is measured against this.
/// </summary>
public static class BaselineParse
{
    public static int Run(Options options)
    {
        if (options.Positional.Count != 1)
        {
            Console.Error.WriteLine("baseline-parse: name one markdown file.");
            return 2;
        }

        var document = Markdown.Parse(File.ReadAllText(options.Positional[0]), CatalogMarkdown.Pipeline);
        var nodes = 0;
        var links = 0;
        foreach (var node in document.Descendants())
        {
            nodes++;
            links += node is LinkInline or AutolinkInline ? 1 : 0;
        }

        Console.WriteLine($"{nodes:N0} nodes, {links:N0} links");
        return 0;
    }
}
