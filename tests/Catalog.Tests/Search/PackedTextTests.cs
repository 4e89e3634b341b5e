using Catalog.Web.Search;

namespace Catalog.Tests.Search;

/// <summary>Strings packed as UTF-8 come back as they went in, in order, whatever their script.</summary>
public sealed class PackedTextTests
{
    [Fact]
    public void EveryStringComesBackAsItWentIn()
    {
        string[] texts = ["", "Neural Tangent Kernel (NTK)", "深度学习理论", "", "emoji 🧠 and math $\\mathbb{R}^d$", "é", new string('x', 70_000)];
        var builder = new PackedText.Builder();
        foreach (var text in texts)
        {
            builder.Add(text);
        }

        var packed = builder.Build();

        Assert.Equal(texts.Length, packed.Count);
        Assert.Equal(texts, Enumerable.Range(0, packed.Count).Select(i => packed[i]));
        Assert.Throws<IndexOutOfRangeException>(() => packed[texts.Length]);
    }

    [Fact]
    public void StringsAcrossManyChunksComeBackInOrder()
    {
        var random = new Random(7);
        var texts = Enumerable.Range(0, 20_000)
            .Select(i => string.Concat(Enumerable.Repeat(i % 3 == 0 ? "深度" : "word ", random.Next(0, 40))) + i)
            .ToArray();
        var builder = new PackedText.Builder();
        foreach (var text in texts)
        {
            builder.Add(text);
        }

        var packed = builder.Build();

        Assert.True(texts.Sum(t => System.Text.Encoding.UTF8.GetByteCount(t)) > 20 * 64 * 1024);
        Assert.Equal(texts, Enumerable.Range(0, packed.Count).Select(i => packed[i]));
    }
}
