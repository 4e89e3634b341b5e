namespace Catalog.Benchmarks.Runner;

/// <summary>One row of the results table: the app's number, the baseline or ceiling measured in the same run, and the target.</summary>
public sealed record Figure(string Name, string App, string Reference = "", string Ratio = "", string Target = "", bool? Met = null)
{
    public string Verdict => Met switch
    {
        true => "met",
        false => "**missed**",
        null => "",
    };

    public static Figure NotAvailable(string name, string why, string reference = "", string target = "") =>
        new(name, why, reference, "", target);
}
