using System.Diagnostics;
using System.Globalization;
using System.Text;
using Catalog.Web.Import;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>sanitize-wide [--links 1000,10000,20000,40000,80000] [--repeats N]</c>: <see cref="HtmlSanitizer"/> on one
/// paragraph of N links, in this process. The figure is the CPU time per link: flat over the last fourfold growth of the
/// input means the sanitizer is linear, where one quadratic in siblings would take four times as long per link. The
/// smallest paragraphs run before the first garbage collection, so their time per link is lower; the table shows them.
/// </summary>
public static class SanitizerWideVerb
{
    // A per-link time that grows by more than this while the input grows fourfold is not flat (quadratic would be 4).
    private const double FlatRatio = 2.0;

    public static int Run(Options options)
    {
        var sizes = (options.Value("--links") ?? "1000,10000,20000,40000,80000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToList();
        var repeats = options.Number("--repeats", 5);

        // One paragraph at the largest size first, so the JIT and AngleSharp's tables are warm for every row.
        HtmlSanitizer.Sanitize(Paragraph(sizes[^1]));

        var rows = sizes.Select(links => Measure(links, repeats)).ToList();
        // CPU time is the verdict: on a shared machine other work stretches wall time, not this process's CPU time.
        var baseline = rows.First(r => r.Links * 4 >= rows[^1].Links);
        var ratio = rows[^1].CpuPerLink / baseline.CpuPerLink;
        Console.WriteLine($"Command: `dotnet run -c Release --project tests/Catalog.Benchmarks -- sanitize-wide{(options.Value("--links") is { } l ? " --links " + l : "")} --repeats {repeats}`");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine("| links in one paragraph | input | median wall time | wall time per link | median CPU time | CPU time per link | GC pauses (collections) | allocated per link |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Links:N0} | {row.InputBytes / 1024.0:N0} KB | {row.Median.TotalMilliseconds:N1} ms | {row.PerLink * 1000:N2} µs | {row.Cpu.TotalMilliseconds:N1} ms | {row.CpuPerLink * 1000:N2} µs | {row.GcPause.TotalMilliseconds:N1} ms ({row.Collections}) | {row.AllocatedPerLink:N0} B |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU time per link, {rows[^1].Links:N0} links / {baseline.Links:N0} links: {ratio:N2} (flat means at most {FlatRatio:N1}; quadratic would be {(double)rows[^1].Links / baseline.Links:N1}): {(ratio <= FlatRatio ? "linear" : "NOT linear")}."));
        return ratio <= FlatRatio ? 0 : 1;
    }

    private sealed record Row(int Links, int InputBytes, TimeSpan Median, double PerLink, TimeSpan Cpu, double CpuPerLink, TimeSpan GcPause, int Collections, double AllocatedPerLink);

    private static Row Measure(int links, int repeats)
    {
        var html = Paragraph(links);
        var times = new List<TimeSpan>();
        var cpuTimes = new List<TimeSpan>();
        var pauses = new List<(TimeSpan Pause, int Collections)>();
        using var process = Process.GetCurrentProcess();
        long allocated = 0;
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var (pauseBefore, collectionsBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
            var clock = Stopwatch.StartNew();
            var output = HtmlSanitizer.Sanitize(html);
            clock.Stop();
            process.Refresh();
            cpuTimes.Add(process.TotalProcessorTime - cpuBefore);
            pauses.Add((GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(0) - collectionsBefore));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(clock.Elapsed);
            if (output.Length < html.Length / 2)
            {
                throw new InvalidOperationException($"The sanitizer dropped the links of the {links}-link paragraph: the figure would measure nothing.");
            }
        }

        var median = times.Order().ElementAt(times.Count / 2);
        var cpu = cpuTimes.Order().ElementAt(cpuTimes.Count / 2);
        var pause = pauses.OrderBy(p => p.Pause).ElementAt(pauses.Count / 2);
        return new Row(links, Encoding.UTF8.GetByteCount(html), median, median.TotalMilliseconds / links, cpu, cpu.TotalMilliseconds / links,
            pause.Pause, pause.Collections, (double)allocated / links);
    }

    /// <summary>One paragraph of <paramref name="links"/> safe links, each with a title, separated by text.</summary>
    public static string Paragraph(int links)
    {
        var html = new StringBuilder("<p>Links: ");
        for (var i = 0; i < links; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"https://example.org/paper/{i}\" title=\"Paper {i}\">paper {i}</a>, ");
        }

        return html.Append("the end.</p>").ToString();
    }
}
