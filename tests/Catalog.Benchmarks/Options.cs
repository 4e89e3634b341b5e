namespace Catalog.Benchmarks;

/// <summary>Command-line options: <c>--name value</c> pairs, bare <c>--flags</c> and positional arguments.</summary>
public sealed class Options
{
    // Options that take a value; everything else starting with -- is a flag.
    private static readonly HashSet<string> s_valueOptions = ["--scale", "--seed", "--out", "--content-type", "--port", "--manifest", "--queries", "--links", "--repeats", "--only", "--seconds", "--concurrency", "--postgres"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                options.Positional.Add(list[i]);
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) && s_valueOptions.Contains(list[i]))
            {
                options._values[list[i]] = list[++i];
            }
            else
            {
                options._flags.Add(list[i]);
            }
        }

        return options;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public int Number(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
