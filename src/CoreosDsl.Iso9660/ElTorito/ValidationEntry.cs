using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The validation entry that starts a boot catalog (El Torito 2.1): header ID 1, the platform, an ID string,
/// a checksum making the 16 little-endian words of the entry sum to zero, and the key bytes 55 AA.
/// </summary>
internal sealed record ValidationEntry(ElToritoPlatform Platform, string IdString = "")
{
    /// <summary>Entries are 32 bytes.</summary>
    public const int Length = 32;

    /// <summary>Offset of the header ID (1).</summary>
    public const int HeaderIdOffset = 0;

    /// <summary>Offset of the platform ID.</summary>
    public const int PlatformOffset = 1;

    /// <summary>Offset of the 24-byte ID string.</summary>
    public const int IdStringOffset = 4;

    /// <summary>Offset of the checksum word.</summary>
    public const int ChecksumOffset = 28;

    /// <summary>Offset of the key bytes 55 AA.</summary>
    public const int KeyOffset = 30;

    /// <summary>The entry as bytes, checksum included.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        bytes[HeaderIdOffset] = 1;
        bytes[PlatformOffset] = (byte)Platform;
        System.Text.Encoding.ASCII.GetBytes(IdString.AsSpan(0, Math.Min(24, IdString.Length)), bytes.AsSpan(IdStringOffset, 24));
        bytes[KeyOffset] = 0x55;
        bytes[KeyOffset + 1] = 0xAA;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(ChecksumOffset), (ushort)-WordSum(bytes));
        return bytes;
    }

    /// <summary>Parses and verifies the validation entry at <paramref name="fileOffset"/>.</summary>
    public static ValidationEntry Parse(ReadOnlySpan<byte> entry, long fileOffset)
    {
        if (entry[HeaderIdOffset] != 1)
        {
            throw new InvalidDataException($"Expected the boot catalog validation entry (header ID 1) at offset {fileOffset}, found header ID {entry[HeaderIdOffset]}.");
        }

        if (entry[KeyOffset] != 0x55 || entry[KeyOffset + 1] != 0xAA)
        {
            throw new InvalidDataException(
                $"Expected the boot catalog key bytes 55 AA at offset {fileOffset + KeyOffset}, found {entry[KeyOffset]:X2} {entry[KeyOffset + 1]:X2}.");
        }

        var sum = WordSum(entry[..Length]);
        if (sum != 0)
        {
            throw new InvalidDataException($"The boot catalog validation entry at offset {fileOffset} has a bad checksum: its words sum to 0x{sum:X4}, expected 0.");
        }

        return new ValidationEntry((ElToritoPlatform)entry[PlatformOffset], TextField.ReadAscii(entry.Slice(IdStringOffset, 24)));
    }

    private static ushort WordSum(ReadOnlySpan<byte> entry)
    {
        ushort sum = 0;
        for (var i = 0; i < Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16LittleEndian(entry[i..]);
        }

        return sum;
    }
}
