namespace CoreosDsl.Iso9660;

/// <summary>
/// A cylinder/head/sector address as an MBR partition entry records it (3 bytes: head, sector with cylinder
/// bits 8-9 in its top two bits, cylinder bits 0-7). Sectors count from 1.
/// </summary>
public readonly record struct CylinderHeadSector(int Cylinder, int Head, int Sector)
{
    /// <summary>Converts a 512-byte sector number for a disk geometry, saturating at cylinder 1023 as BIOSes expect.</summary>
    public static CylinderHeadSector FromLba(long lba, int heads, int sectorsPerTrack)
    {
        var cylinder = lba / (heads * sectorsPerTrack);
        if (cylinder > 1023)
        {
            return new CylinderHeadSector(1023, heads - 1, sectorsPerTrack);
        }

        var rest = lba % (heads * sectorsPerTrack);
        return new CylinderHeadSector((int)cylinder, (int)(rest / sectorsPerTrack), (int)(rest % sectorsPerTrack) + 1);
    }

    /// <summary>Writes the 3-byte form.</summary>
    internal void WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)Head;
        destination[1] = (byte)((Sector & 0x3F) | ((Cylinder >> 2) & 0xC0));
        destination[2] = (byte)Cylinder;
    }

    /// <summary>Reads the 3-byte form.</summary>
    internal static CylinderHeadSector Read(ReadOnlySpan<byte> source) =>
        new(source[2] | ((source[1] & 0xC0) << 2), source[0], source[1] & 0x3F);
}
