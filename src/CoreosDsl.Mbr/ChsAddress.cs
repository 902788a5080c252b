namespace CoreosDsl.Mbr;

/// <summary>
/// A cylinder/head/sector address as an MBR partition entry stores it in 3 bytes: head; sector (bits 0-5) with the
/// cylinder's bits 8-9 (bits 6-7); cylinder bits 0-7. Sectors count from 1. Past cylinder 1023 the address is
/// clamped to (1023, last head, last sector), as BIOSes and fdisk expect; only the LBA fields count there.
/// </summary>
public readonly record struct ChsAddress(int Cylinder, int Head, int Sector)
{
    /// <summary>Bytes of the stored form.</summary>
    public const int Size = 3;

    /// <summary>The address of 512-byte sector <paramref name="lba"/> in <paramref name="geometry"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lba"/> is negative.</exception>
    public static ChsAddress FromLba(long lba, DiskGeometry geometry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lba);
        var cylinder = lba / geometry.SectorsPerCylinder;
        if (cylinder > 1023)
        {
            return new ChsAddress(1023, geometry.Heads - 1, geometry.SectorsPerTrack);
        }

        var rest = lba % geometry.SectorsPerCylinder;
        return new ChsAddress((int)cylinder, (int)(rest / geometry.SectorsPerTrack), (int)(rest % geometry.SectorsPerTrack) + 1);
    }

    /// <summary>Writes the 3 bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)Head;
        destination[1] = (byte)((Sector & 0x3F) | ((Cylinder >> 2) & 0xC0));
        destination[2] = (byte)Cylinder;
    }

    /// <summary>Reads the 3 bytes.</summary>
    public static ChsAddress Read(ReadOnlySpan<byte> source) =>
        new(source[2] | ((source[1] & 0xC0) << 2), source[0], source[1] & 0x3F);
}
