using System.Buffers;
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

    public string this[int index] => Encoding.UTF8.GetString(_bytes, _starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>Appends strings in order; <see cref="Build"/> packs them.</summary>
    public sealed class Builder
    {
        private readonly ArrayBufferWriter<byte> _bytes = new();
        private readonly List<int> _starts = [0];

        public int Count => _starts.Count - 1;

        public void Add(string text)
        {
            Encoding.UTF8.GetBytes(text, _bytes);
            _starts.Add(_bytes.WrittenCount);
        }

        public PackedText Build() => new(_bytes.WrittenSpan.ToArray(), [.. _starts]);
    }
}
