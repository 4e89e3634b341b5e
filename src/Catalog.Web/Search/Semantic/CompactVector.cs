using System.Buffers.Binary;
using System.Numerics.Tensors;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// A normalised embedding stored as int8 with one scale (4 bytes of float, then one signed byte per dimension): a
/// quarter of the floats' size, and cosine rankings as the floats give them to two or three decimals.
/// </summary>
public static class CompactVector
{
    public static byte[] Pack(ReadOnlySpan<float> vector)
    {
        var max = Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        var scale = max > 0 ? max / 127f : 1f;
        var bytes = new byte[4 + vector.Length];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, scale);
        for (var i = 0; i < vector.Length; i++)
        {
            bytes[4 + i] = unchecked((byte)(sbyte)Math.Round(vector[i] / scale));
        }

        return bytes;
    }

    /// <summary>The dimensions of a packed vector.</summary>
    public static int Dimensions(ReadOnlySpan<byte> packed) => packed.Length - 4;

    /// <summary>Copies the packed values into <paramref name="values"/> and returns the scale that turns them into the vector.</summary>
    public static float Unpack(ReadOnlySpan<byte> packed, Span<sbyte> values)
    {
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(packed[4..]).CopyTo(values);
        return BinaryPrimitives.ReadSingleLittleEndian(packed);
    }
}
