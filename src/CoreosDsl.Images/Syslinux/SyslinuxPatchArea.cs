using System.Buffers.Binary;

namespace CoreosDsl.Images.Syslinux;

/// <summary>
/// The patch area near the start of <c>ldlinux.sys</c> (syslinux 5 and 6, <c>struct patch_area</c> in
/// syslinux.h): found by its magic at a 4-byte boundary, it tells the boot code how many sectors to load and
/// holds the checksum over the whole file; <see cref="ExtendedOffset"/> points at the
/// <see cref="SyslinuxExtendedPatchArea"/>.
/// </summary>
internal sealed record SyslinuxPatchArea(
    int Offset,
    uint Instance,
    ushort DataSectors,
    ushort AdvSectors,
    uint Dwords,
    uint Checksum,
    ushort MaxTransfer,
    ushort ExtendedOffset)
{
    private const int MagicOffset = 0;
    private const int InstanceOffset = 4;
    private const int DataSectorsOffset = 8;
    private const int AdvSectorsOffset = 10;
    private const int DwordsOffset = 12;
    private const int ChecksumOffset = 16;
    private const int MaxTransferOffset = 20;
    private const int ExtendedOffsetOffset = 22;

    /// <summary>Bytes of the structure.</summary>
    public const int Size = 24;

    /// <summary><c>LDLINUX_MAGIC</c>: marks the patch area, and seeds the checksum.</summary>
    public const uint Magic = 0x3EB202FE;

    /// <summary>Finds and reads the patch area of <paramref name="loader"/> (ldlinux.sys).</summary>
    public static SyslinuxPatchArea Find(ReadOnlySpan<byte> loader, string source)
    {
        for (var offset = 0; offset + Size <= loader.Length; offset += 4)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(loader[offset..]) == Magic)
            {
                return Parse(loader, offset);
            }
        }

        throw new InvalidDataException(
            $"{source}: no syslinux patch area (magic 0x{Magic:X8} at a 4-byte boundary) in {loader.Length} bytes; expected ldlinux.sys of syslinux 5 or 6");
    }

    /// <summary>Reads the structure at <paramref name="offset"/>.</summary>
    public static SyslinuxPatchArea Parse(ReadOnlySpan<byte> loader, int offset)
    {
        var s = loader[offset..];
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(s[MagicOffset..]);
        if (magic != Magic)
        {
            throw new InvalidDataException($"expected the syslinux magic 0x{Magic:X8} at offset {offset}, found 0x{magic:X8}");
        }

        return new SyslinuxPatchArea(
            offset,
            BinaryPrimitives.ReadUInt32LittleEndian(s[InstanceOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(s[DataSectorsOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(s[AdvSectorsOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(s[DwordsOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(s[ChecksumOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(s[MaxTransferOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(s[ExtendedOffsetOffset..]));
    }

    /// <summary>Writes the structure back at <see cref="Offset"/>.</summary>
    public void WriteTo(Span<byte> loader)
    {
        var d = loader[Offset..];
        BinaryPrimitives.WriteUInt32LittleEndian(d[MagicOffset..], Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(d[InstanceOffset..], Instance);
        BinaryPrimitives.WriteUInt16LittleEndian(d[DataSectorsOffset..], DataSectors);
        BinaryPrimitives.WriteUInt16LittleEndian(d[AdvSectorsOffset..], AdvSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(d[DwordsOffset..], Dwords);
        BinaryPrimitives.WriteUInt32LittleEndian(d[ChecksumOffset..], Checksum);
        BinaryPrimitives.WriteUInt16LittleEndian(d[MaxTransferOffset..], MaxTransfer);
        BinaryPrimitives.WriteUInt16LittleEndian(d[ExtendedOffsetOffset..], ExtendedOffset);
    }
}
