using System.Buffers.Binary;

namespace CoreosDsl.Images.Syslinux;

/// <summary>
/// One entry of ldlinux.sys's sector extent table (<c>struct syslinux_extent</c>, packed): a 64-bit LBA and a
/// 16-bit sector count. The boot code loads the file's second sector onwards through these.
/// </summary>
internal readonly record struct SyslinuxExtent(ulong Lba, ushort Length)
{
    /// <summary>Bytes of an entry.</summary>
    public const int Size = 10;

    /// <summary>The load address syslinux's installer counts the second sector of ldlinux.sys from (the boot sector loads the first itself).</summary>
    private const uint LoadAddress = 0x8000;

    /// <summary>Writes the entry.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Lba);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], Length);
    }

    /// <summary>Reads an entry.</summary>
    public static SyslinuxExtent Parse(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt16LittleEndian(source[8..]));

    /// <summary>
    /// Groups a sector list into extents the way syslinux's installer does: consecutive sectors join an extent
    /// while it stays under 64 KiB (at most 127 sectors) and the sector's load address does not cross a 64 KiB
    /// boundary (counting from the load address 0x8000).
    /// </summary>
    public static List<SyslinuxExtent> FromSectors(IEnumerable<long> sectors)
    {
        var extents = new List<SyslinuxExtent>();
        uint address = LoadAddress, start = address;
        long lba = 0;
        var length = 0;
        foreach (var sector in sectors)
        {
            if (length > 0)
            {
                var bytes = (uint)(length + 1) * 512;
                if (sector == lba + length && bytes < 65536 && ((address ^ (start + bytes - 1)) & 0xFFFF0000) == 0)
                {
                    length++;
                    address += 512;
                    continue;
                }

                extents.Add(new SyslinuxExtent((ulong)lba, (ushort)length));
            }

            start = address;
            lba = sector;
            length = 1;
            address += 512;
        }

        if (length > 0)
        {
            extents.Add(new SyslinuxExtent((ulong)lba, (ushort)length));
        }

        return extents;
    }
}
