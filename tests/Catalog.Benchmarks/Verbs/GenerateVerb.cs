using Catalog.Benchmarks.Generation;

namespace Catalog.Benchmarks.Verbs;

/// <summary><c>generate --scale N [--seed S] [--out file.md]</c>: writes a synthetic seed file.</summary>
public static class GenerateVerb
{
    public static int Run(Options options)
    {
        var paths = RepoPaths.Find();
        var scale = options.Number("--scale", 50);
        var seedNumber = ulong.Parse(options.Value("--seed") ?? SeedGenerator.DefaultSeed.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        var output = options.Value("--out") ?? Path.Combine(paths.Artifacts, $"catalog-{scale}x.md");
        Console.WriteLine($"{Write(paths.Seed, scale, seedNumber, output):N0} bytes -> {output}");
        return 0;
    }

    /// <summary>Writes the file (UTF-8, no BOM) and returns its size.</summary>
    public static long Write(string seedPath, int scale, ulong seedNumber, string output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, SeedGenerator.Generate(File.ReadAllText(seedPath), scale, seedNumber));
        return new FileInfo(output).Length;
    }
}
