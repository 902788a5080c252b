using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// A section header entry of a boot catalog (El Torito 2.3): 0x90 (more headers follow) or 0x91 (final), the
/// platform of the section, and how many section entries follow.
/// </summary>
internal sealed record SectionHeaderEntry(bool IsFinal, ElToritoPlatform Platform, ushort EntryCount, string IdString = "")
{
    /// <summary>Header indicator: more section headers follow.</summary>
    public const byte MoreIndicator = 0x90;

    /// <summary>Header indicator: this is the last section header.</summary>
    public const byte FinalIndicator = 0x91;

    /// <summary>Offset of the platform ID.</summary>
    public const int PlatformOffset = 1;

    /// <summary>Offset of the number of section entries.</summary>
    public const int EntryCountOffset = 2;

    /// <summary>Offset of the 28-byte ID string.</summary>
    public const int IdStringOffset = 4;

    /// <summary>The entry as 32 bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[ValidationEntry.Length];
        bytes[0] = IsFinal ? FinalIndicator : MoreIndicator;
        bytes[PlatformOffset] = (byte)Platform;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(EntryCountOffset), EntryCount);
        System.Text.Encoding.ASCII.GetBytes(IdString.AsSpan(0, Math.Min(28, IdString.Length)), bytes.AsSpan(IdStringOffset, 28));
        return bytes;
    }

    /// <summary>True when <paramref name="indicator"/> starts a section header.</summary>
    public static bool IsHeader(byte indicator) => indicator is MoreIndicator or FinalIndicator;

    /// <summary>Parses the section header at <paramref name="fileOffset"/>.</summary>
    public static SectionHeaderEntry Parse(ReadOnlySpan<byte> entry, long fileOffset)
    {
        if (!IsHeader(entry[0]))
        {
            throw new InvalidDataException($"Expected a boot catalog section header (0x90 or 0x91) at offset {fileOffset}, found 0x{entry[0]:X2}.");
        }

        return new SectionHeaderEntry(entry[0] == FinalIndicator, (ElToritoPlatform)entry[PlatformOffset],
            BinaryPrimitives.ReadUInt16LittleEndian(entry[EntryCountOffset..]), TextField.ReadAscii(entry.Slice(IdStringOffset, 28)));
    }
}
