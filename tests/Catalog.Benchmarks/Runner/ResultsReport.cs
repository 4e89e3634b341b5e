using System.Text;

namespace Catalog.Benchmarks.Runner;

/// <summary>The results as markdown, and their place in README.md between the result markers.</summary>
public static class ResultsReport
{
    public const string Begin = "<!-- results:begin (written by the run verb; do not edit by hand) -->";
    public const string End = "<!-- results:end -->";

    public static string ToMarkdown(string command, IReadOnlyList<(string Name, string Value)> facts, IReadOnlyList<Figure> figures, IReadOnlyList<string> notes)
    {
        var sb = new StringBuilder();
        sb.Append("Command: `").Append(command).AppendLine("`").AppendLine();
        sb.AppendLine(string.Join("; ", facts.Select(f => $"{f.Name}: {f.Value}"))).AppendLine();
        sb.AppendLine("| figure | app | baseline / ceiling | ratio | target | |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var f in figures)
        {
            sb.AppendLine($"| {f.Name} | {f.App} | {f.Reference} | {f.Ratio} | {f.Target} | {f.Verdict} |");
        }

        if (notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var note in notes)
            {
                sb.Append("- ").AppendLine(note);
            }
        }

        return sb.ToString();
    }

    /// <summary>Replaces whatever is between the markers (appends the section under <paramref name="heading"/> when they are missing).</summary>
    public static void WriteInto(string readme, string markdown, string begin = Begin, string end = End, string heading = "Results")
    {
        var text = File.Exists(readme) ? File.ReadAllText(readme) : "";
        var block = $"{begin}\n{markdown.TrimEnd()}\n{end}";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + block + text[(to + end.Length)..]
            : text.TrimEnd() + $"\n\n## {heading}\n\n" + block + "\n";
        File.WriteAllText(readme, text);
    }
}
