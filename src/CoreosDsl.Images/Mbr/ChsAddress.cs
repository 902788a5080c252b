namespace CoreosDsl.Images.Mbr;

/// <summary>
/// A cylinder/head/sector address as the MBR stores it in 3 bytes: head; sector (bits 0-5) with the cylinder's
/// bits 8-9 (bits 6-7); cylinder bits 0-7. Computed the way fdisk and sfdisk do for an image file, with the
/// geometry 255 heads × 63 sectors, and clamped to (1023, 254, 63) beyond the 1024th cylinder, where only the LBA
/// fields count.
/// </summary>
public readonly record struct ChsAddress(int Cylinder, int Head, int Sector)
{
    /// <summary>Heads of the geometry fdisk assumes.</summary>
    public const int Heads = 255;

    /// <summary>Sectors per track of that geometry.</summary>
    public const int SectorsPerTrack = 63;

    /// <summary>The clamped address used for every LBA past cylinder 1023.</summary>
    public static readonly ChsAddress Maximum = new(1023, Heads - 1, SectorsPerTrack);

    /// <summary>The address of <paramref name="lba"/>.</summary>
    public static ChsAddress FromLba(long lba)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lba);
        var cylinder = lba / (Heads * SectorsPerTrack);
        if (cylinder > 1023)
        {
            return Maximum;
        }

        var rest = lba % (Heads * SectorsPerTrack);
        return new ChsAddress((int)cylinder, (int)(rest / SectorsPerTrack), (int)(rest % SectorsPerTrack) + 1);
    }

    /// <summary>Writes the 3 bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)Head;
        destination[1] = (byte)((Sector & 0x3F) | ((Cylinder >> 2) & 0xC0));
        destination[2] = (byte)Cylinder;
    }

    /// <summary>Reads the 3 bytes.</summary>
    public static ChsAddress Parse(ReadOnlySpan<byte> source) =>
        new(source[2] | ((source[1] & 0xC0) << 2), source[0], source[1] & 0x3F);
}
