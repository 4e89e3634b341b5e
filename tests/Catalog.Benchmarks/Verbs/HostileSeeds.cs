using System.Globalization;
using System.Text;
using Catalog.Benchmarks.Runner;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>hostile [--out file.md]</c>: the pathological seeds of issue 14, each at 1x, 2x and 4x its size (4x is the 5 MB upload
/// limit), timed as the real CLI's <c>import --dry-run</c> on a fresh temporary database, with peak memory (VmHWM). The
/// renamed re-import imports a source first, then previews the same topics all renamed. Needs the Release build of
/// src/Catalog.Web (<c>dotnet build -c Release src/Catalog.Web</c>).
/// </summary>
public static class HostileSeeds
{
    private const int Base = 5 * 1024 * 1024 / 4;

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    private sealed record Shape(string Name, Func<int, string> Make, string Unit, int BaseSize, Func<int, string>? Before = null);

    private static readonly Shape[] s_shapes =
    [
        new("`[a](` repeated (open link destinations)", n => "# T\n\n" + Repeat("[a](", n / 4), "bytes", Base),
        new("`x ` + `<b>` repeated (nested inline HTML)", n => "x " + Repeat("<b>", n / 3), "bytes", Base),
        new("`a\\n=\\n` repeated (setext headings)", n => Repeat("a\n=\n", n / 4), "bytes", Base),
        new("`|a` table columns, 3 rows", n => "# T\n\n" + Repeat("|a", n / 6) + "\n" + Repeat("|-", n / 6) + "\n" + Repeat("|a", n / 6) + "\n", "bytes", Base),
        new("re-import, every topic renamed and the order reversed", n => Topics(n, "renamed ", reversed: true), "topics", 10_000, n => Topics(n, "", reversed: false)),
    ];

    public static async Task<int> RunAsync(Options options)
    {
        var paths = RepoPaths.Find();
        if (!File.Exists(paths.AppDll))
        {
            Console.Error.WriteLine($"hostile: build the app first: dotnet build -c Release src/Catalog.Web ({paths.AppDll} is missing).");
            return 1;
        }

        var work = Path.Combine(paths.Artifacts, "hostile");
        Directory.CreateDirectory(work);
        var table = new StringBuilder()
            .AppendLine("| shape | size | file | exit | time | peak RSS | time / 1x | RSS / 1x |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var shape in s_shapes)
        {
            (double Seconds, long Peak)? first = null;
            foreach (var scale in new[] { 1, 2, 4 })
            {
                var size = shape.BaseSize * scale;
                var result = await MeasureAsync(paths, work, shape, size);
                first ??= (result.Seconds, result.Peak);
                table.Append(CultureInfo.InvariantCulture, $"| {shape.Name} | {scale}x: {size:N0} {shape.Unit} | {result.FileBytes / 1024.0 / 1024:F2} MB | {result.ExitCode} | ")
                    .Append(CultureInfo.InvariantCulture, $"{result.Seconds:F2} s | {result.Peak / 1024.0 / 1024:F0} MB | {result.Seconds / first.Value.Seconds:F2} | {(double)result.Peak / first.Value.Peak:F2} |")
                    .AppendLine();
                Console.Error.WriteLine($"{shape.Name} {scale}x: exit {result.ExitCode}, {result.Seconds:F2} s, {result.Peak / 1024 / 1024} MB: {result.FirstLine}");
            }
        }

        Console.WriteLine(table);
        if (options.Value("--out") is { } output)
        {
            await File.WriteAllTextAsync(output, table.ToString());
        }

        return 0;
    }

    private sealed record Result(int ExitCode, double Seconds, long Peak, long FileBytes, string FirstLine);

    private static async Task<Result> MeasureAsync(RepoPaths paths, string work, Shape shape, int size)
    {
        var folder = Directory.CreateTempSubdirectory("catalog-hostile-");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Catalog"] = $"Data Source={Path.Combine(folder.FullName, "catalog.db")}",
                ["Catalog__ImportSeedsOnStart"] = "false",
                ["DOTNET_ENVIRONMENT"] = "Production",
            };
            var file = Path.Combine(work, "hostile.md");
            if (shape.Before is not null)
            {
                // A source this large passes the default heading cap: raised here, so the matcher's own work is measured.
                environment["Catalog__MaxHeadings"] = "1000000";
                environment["Catalog__MaxTopics"] = "10000000";
                await File.WriteAllTextAsync(file, shape.Before(size));
                using var before = ChildProcess.Start(work, Path.Combine(work, "before.log"), environment, ["dotnet", paths.AppDll, "import", file]);
                await before.WaitForExitAsync(s_timeout);
            }

            await File.WriteAllTextAsync(file, shape.Make(size));
            var log = Path.Combine(work, "import.log");
            using var import = ChildProcess.Start(work, log, environment, ["dotnet", paths.AppDll, "import", file, "--dry-run"], trackPeak: true);
            var exit = await import.WaitForExitAsync(s_timeout);
            var firstLine = (await File.ReadAllLinesAsync(log)).FirstOrDefault(l => l.Trim().Length > 0) ?? "";
            return new Result(exit, import.Elapsed.TotalSeconds, import.PeakBytes, new FileInfo(file).Length, firstLine);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Reversed, no topic stays in its place: each is matched through the URLs it shares with its old self.
    private static string Topics(int count, string prefix, bool reversed)
    {
        var markdown = new StringBuilder();
        foreach (var i in reversed ? Enumerable.Range(0, count).Reverse() : Enumerable.Range(0, count))
        {
            markdown.Append(CultureInfo.InvariantCulture, $"## {prefix}Topic {i}\n\n- [link {i}](https://example.org/{i}/a)\n- [other](https://example.org/{i}/b)\n\n");
        }

        return markdown.ToString();
    }

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();
}
