using System.Buffers;
using System.Text.Json;
using Catalog.Web.Export;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Catalog.Web.Api;

/// <summary>
/// A JSON answer sent whole, with its <c>Content-Length</c>: serialized into a pooled buffer with the API's JSON options
/// (the bytes a returned object gets), then written in one go. A returned object is written as it is serialized, so
/// Kestrel sends it chunked, and the last chunk (<c>0\r\n\r\n</c>) went out after the body in a send and a TCP segment
/// of its own: two system calls an answer, each with the loopback's work on both ends, where a length needs one.
/// </summary>
internal sealed class WholeJson<T>(T value) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        using var buffer = new PooledBuffer();
        var writerOptions = new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            MaxDepth = options.MaxDepth,
        };
        await using (var writer = new Utf8JsonWriter(buffer, writerOptions))
        {
            JsonSerializer.Serialize(writer, value, options.GetTypeInfo(typeof(T)));
        }

        var response = context.Response;
        response.ContentType = ContentTypes.Json;
        response.ContentLength = buffer.Written.Length;
        await response.Body.WriteAsync(buffer.Written, context.RequestAborted);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool, given back when disposed.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _length;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _length);

        public void Advance(int count) => _length += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint).AsMemory(_length);

        public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint).AsSpan(_length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);

        private byte[] Room(int sizeHint)
        {
            var needed = _length + Math.Max(sizeHint, 1);
            if (needed > _array.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
                _array.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = larger;
            }

            return _array;
        }
    }
}
