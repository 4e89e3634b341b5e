namespace Catalog.Benchmarks.Relevance;

/// <summary>
/// The measures of one answer (its first ten links) against the judgments: nDCG@10 with gains 2^grade - 1, the
/// reciprocal rank of the first relevant link within ten, the share of relevant links found in ten, whether the first
/// link is relevant, and whether the answer was empty.
/// </summary>
public sealed record Scores(double Ndcg, double Mrr, double Recall, double P1, double Empty)
{
    public const int Depth = 10;

    public static Scores Of(JudgedQuery query, IReadOnlyList<string> answer)
    {
        var top = answer.Take(Depth).ToList();
        var dcg = top.Select((url, i) => Gain(query.Grade(url)) / Math.Log2(i + 2)).Sum();
        var ideal = query.Relevant.Values.OrderDescending().Take(Depth).Select((grade, i) => Gain(grade) / Math.Log2(i + 2)).Sum();
        var first = top.FindIndex(url => query.Grade(url) > 0);
        var found = top.Distinct().Count(url => query.Grade(url) > 0);
        return new Scores(
            ideal == 0 ? 0 : dcg / ideal,
            first < 0 ? 0 : 1.0 / (first + 1),
            query.Relevant.Count == 0 ? 0 : (double)found / query.Relevant.Count,
            first == 0 ? 1 : 0,
            top.Count == 0 ? 1 : 0);
    }

    public static Scores Mean(IReadOnlyCollection<Scores> all) =>
        all.Count == 0 ? new Scores(0, 0, 0, 0, 0)
            : new Scores(all.Average(s => s.Ndcg), all.Average(s => s.Mrr), all.Average(s => s.Recall), all.Average(s => s.P1), all.Average(s => s.Empty));

    private static double Gain(int grade) => Math.Pow(2, grade) - 1;
}
