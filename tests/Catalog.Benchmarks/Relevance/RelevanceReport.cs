using System.Globalization;
using System.Text;

namespace Catalog.Benchmarks.Relevance;

/// <summary>The scores of each system, overall and per kind of query, as markdown tables.</summary>
public static class RelevanceReport
{
    public static readonly string[] Kinds = ["exact-title", "paraphrase", "author", "topic", "typo", "chinese", "one-word"];

    public sealed record SystemScores(string System, IReadOnlyList<(JudgedQuery Query, Scores Scores)> PerQuery)
    {
        public Scores Overall => Scores.Mean([.. PerQuery.Select(p => p.Scores)]);

        public Scores Of(string kind) => Scores.Mean([.. PerQuery.Where(p => p.Query.Kind == kind).Select(p => p.Scores)]);
    }

    public static string ToMarkdown(IReadOnlyList<SystemScores> systems, IReadOnlyList<JudgedQuery> queries)
    {
        var sb = new StringBuilder();
        var counts = string.Join(", ", Kinds.Select(k => $"{k} {queries.Count(q => q.Kind == k)}"));
        sb.AppendLine(CultureInfo.InvariantCulture, $"nDCG@10 by kind ({queries.Count} queries: {counts}):").AppendLine();
        sb.AppendLine("| system | all | " + string.Join(" | ", Kinds) + " |");
        sb.AppendLine("| --- | ---: | " + string.Join(" | ", Kinds.Select(_ => "---:")) + " |");
        foreach (var s in systems)
        {
            sb.AppendLine($"| {s.System} | {F(s.Overall.Ndcg)} | " + string.Join(" | ", Kinds.Select(k => F(s.Of(k).Ndcg))) + " |");
        }

        sb.AppendLine().AppendLine("All measures, overall and per kind:").AppendLine();
        sb.AppendLine("| system | kind | nDCG@10 | MRR@10 | Recall@10 | P@1 | empty |");
        sb.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in systems)
        {
            foreach (var (kind, scores) in new[] { ("all", s.Overall) }.Concat(Kinds.Select(k => (k, s.Of(k)))))
            {
                sb.AppendLine($"| {s.System} | {kind} | {F(scores.Ndcg)} | {F(scores.Mrr)} | {F(scores.Recall)} | {F(scores.P1)} | {scores.Empty * 100:0}% |");
            }
        }

        return sb.ToString();
    }

    /// <summary>Per query: each system's nDCG@10, and the first system's top three links where it missed.</summary>
    public static string Details(IReadOnlyList<SystemScores> systems, IReadOnlyDictionary<string, IReadOnlyList<string>> firstAnswers)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| kind | query | " + string.Join(" | ", systems.Select(s => s.System)) + " |");
        sb.AppendLine("| --- | --- | " + string.Join(" | ", systems.Select(_ => "---:")) + " |");
        for (var i = 0; i < systems[0].PerQuery.Count; i++)
        {
            var query = systems[0].PerQuery[i].Query;
            sb.AppendLine($"| {query.Kind} | {query.Query} | " + string.Join(" | ", systems.Select(s => F(s.PerQuery[i].Scores.Ndcg))) + " |");
            if (systems[0].PerQuery[i].Scores.Ndcg < 0.5)
            {
                foreach (var url in firstAnswers[query.Query].Take(3))
                {
                    sb.AppendLine($"|  | → {query.Grade(url)} {url} |");
                }
            }
        }

        return sb.ToString();
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
