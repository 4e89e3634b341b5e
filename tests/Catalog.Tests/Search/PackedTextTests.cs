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
}
