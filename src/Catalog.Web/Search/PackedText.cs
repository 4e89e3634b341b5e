using System.Text;

namespace Catalog.Web.Search;

/// <summary>
/// Strings of one catalog version kept as UTF-8 in one array and read back one at a time: a byte a character for the
/// text of the seed (about half what .NET strings take) and no object per string, so a version's labels, URLs and
/// indexed columns stay in memory at the 200x catalog for a few megabytes each.
/// </summary>
internal sealed class PackedText
{
    private readonly byte[] _bytes;
    private readonly int[] _starts;

    private PackedText(byte[] bytes, int[] starts) => (_bytes, _starts) = (bytes, starts);

    public int Count => _starts.Length - 1;

    public string this[int index] => Encoding.UTF8.GetString(Bytes(index));

    /// <summary>The string's UTF-8.</summary>
    public ReadOnlySpan<byte> Bytes(int index) => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>
    /// Appends strings in order; <see cref="Build"/> packs them. The bytes gather in chunks below the large object
    /// heap's threshold and are copied once into an array of the exact size: a buffer that doubled as it grew would
    /// leave twice the text's size of large-object garbage behind each catalog version, and resident memory with it.
    /// </summary>
    public sealed class Builder
    {
        private const int ChunkSize = 64 * 1024;

        private readonly List<byte[]> _chunks = [];
        private readonly List<int> _starts = [0];
        private byte[] _chunk = new byte[ChunkSize];
        private int _used;
        private int _written;

        public void Add(string text)
        {
            var bytes = Encoding.UTF8.GetByteCount(text);
            if (bytes > ChunkSize - _used)
            {
                Seal();
                _chunk = new byte[Math.Max(ChunkSize, bytes)];
            }

            _used += Encoding.UTF8.GetBytes(text, _chunk.AsSpan(_used));
            _written += bytes;
            _starts.Add(_written);
        }

        public PackedText Build()
        {
            Seal();
            var bytes = new byte[_written];
            var at = 0;
            foreach (var chunk in _chunks)
            {
                chunk.CopyTo(bytes, at);
                at += chunk.Length;
            }

            return new(bytes, [.. _starts]);
        }

        // The current chunk's written part joins the list (trimmed when it is not full).
        private void Seal()
        {
            if (_used > 0)
            {
                _chunks.Add(_used == _chunk.Length ? _chunk : _chunk[.._used]);
            }

            _used = 0;
        }
    }
}
