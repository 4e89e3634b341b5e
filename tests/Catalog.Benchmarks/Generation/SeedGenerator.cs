using System.Text;
using System.Text.RegularExpressions;

namespace Catalog.Benchmarks.Generation;

/// <summary>
/// Makes a large seed file from the real seed's own shape: volume 0 is the seed verbatim, every further volume is the
/// seed again with varied headings and URLs, so quotes, figures, bare URLs, prose links and the Chinese line keep their
/// real proportions. Deterministic for a given scale and seed number.
/// </summary>
public static partial class SeedGenerator
{
    public const ulong DefaultSeed = 20261126;

    // Of the seed's distinct URLs: a few classics stay identical in every volume, some are shared by groups of
    // volumes (merged reading lists overlap), the rest are new in each volume.
    private const int ClassicPercent = 5;
    private const int SharedPercent = 20;
    private const int SharedGroupSize = 8;

    // One in ten volumes is written by a Chinese-speaking curator: Chinese heading suffixes and intro lines.
    private const int ChineseVolumeOneIn = 10;

    private static readonly string[] s_themes =
    [
        "reading list", "lecture notes", "survey papers", "workshop talks", "open problems", "seminar", "tutorials",
        "course materials", "reproductions", "benchmarks", "lab notes", "summer school", "position papers", "blog posts",
    ];

    private static readonly string[] s_chineseThemes = ["阅读清单", "讲义", "综述", "研讨会报告", "开放问题", "教程", "课程资料", "论文精选"];

    private static readonly string[] s_chineseIntros =
    [
        "本卷收录深度学习理论的论文、课程与讲座，按主题整理。",
        "这里整理了与深度学习科学相关的阅读材料，欢迎补充。",
        "深度学习的数学基础：近似、优化与泛化的资料汇编。",
        "从物理、几何和信息论的角度理解深度神经网络。",
    ];

    /// <summary>The seed repeated <paramref name="scale"/> times (scale 1 is the seed itself).</summary>
    public static string Generate(string seed, int scale, ulong seedNumber = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var text = seed.ReplaceLineEndings("\n").TrimEnd('\n');
        var random = new SplitMix64(seedNumber);
        var sb = new StringBuilder((text.Length + 2048) * scale);
        sb.Append(text).Append('\n');
        for (var volume = 1; volume < scale; volume++)
        {
            sb.Append('\n');
            AppendVolume(sb, text, volume, random, seedNumber);
        }

        return sb.ToString();
    }

    private static void AppendVolume(StringBuilder sb, string seed, int volume, SplitMix64 random, ulong seedNumber)
    {
        var chinese = random.Next(ChineseVolumeOneIn) == 0;
        var firstHeading = true;
        foreach (var line in seed.Split('\n'))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                sb.Append(Url().Replace(line, m => VaryUrl(m.Value, volume, seedNumber))).Append('\n');
                continue;
            }

            var theme = chinese ? random.Pick(s_chineseThemes) : random.Pick(s_themes);
            var title = heading.Groups[2].Value.TrimEnd();
            sb.Append(heading.Groups[1].Value).Append(' ').Append(title)
                .Append(firstHeading ? $", volume {volume}" : $" ({theme} {volume})").Append('\n');
            if (firstHeading && chinese)
            {
                sb.Append('\n').Append(random.Pick(s_chineseIntros)).Append('\n');
            }

            firstHeading = false;
        }
    }

    /// <summary>The URL as it appears in a given volume: unchanged, shared by a group of volumes, or the volume's own.</summary>
    private static string VaryUrl(string url, int volume, ulong seedNumber)
    {
        var kind = (int)((SplitMix64.Hash(url) ^ seedNumber) % 100);
        var variant = kind < ClassicPercent ? null
            : kind < ClassicPercent + SharedPercent ? $"g{(volume - 1) / SharedGroupSize}"
            : $"v{volume}";
        if (variant is null)
        {
            return url;
        }

        var hostEnd = url.IndexOf('/', url.IndexOf("://", StringComparison.Ordinal) + 3);
        return hostEnd < 0 ? $"{url}/{variant}/" : url.Insert(hostEnd, "/" + variant);
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+)$")]
    private static partial Regex Heading();

    // Text mutation, not parsing: a URL ends at whitespace, a bracket, a parenthesis or a quote (true of every URL in
    // the seed), which covers markdown links, bare URLs, autolinks and <img src="...">.
    [GeneratedRegex("""https?://[^\s<>()\[\]"'`]+""")]
    private static partial Regex Url();
}
