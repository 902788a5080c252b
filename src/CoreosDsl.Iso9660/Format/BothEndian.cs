using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// ECMA-119 "both-byte order" numbers (7.2.3, 7.3.3): the value little-endian, then the same value big-endian.
/// Readers use the little-endian half, as Linux and libisofs do, because some writers get the other half wrong.
/// </summary>
internal static class BothEndian
{
    /// <summary>Writes a 16-bit both-endian number (4 bytes).</summary>
    public static void WriteUInt16(Span<byte> destination, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], value);
    }

    /// <summary>Writes a 32-bit both-endian number (8 bytes).</summary>
    public static void WriteUInt32(Span<byte> destination, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], value);
    }

    /// <summary>Reads the little-endian half of a 16-bit both-endian number.</summary>
    public static ushort ReadUInt16(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt16LittleEndian(source);

    /// <summary>Reads the little-endian half of a 32-bit both-endian number.</summary>
    public static uint ReadUInt32(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt32LittleEndian(source);
}
