namespace CoreosDsl.Mbr;

/// <summary>
/// The cylinder/head/sector geometry a partition table's CHS addresses are computed for: heads per cylinder and
/// sectors per track (512-byte sectors).
/// </summary>
/// <param name="Heads">Heads per cylinder (1 to 255).</param>
/// <param name="SectorsPerTrack">Sectors per track (1 to 63).</param>
public readonly record struct DiskGeometry(int Heads, int SectorsPerTrack)
{
    /// <summary>255 heads × 63 sectors: what fdisk and sfdisk assume for an image file.</summary>
    public static DiskGeometry Fdisk { get; } = new(255, 63);

    /// <summary>64 heads × 32 sectors, a cylinder of 1 MiB: what xorriso and isohybrid use for hybrid ISO images.</summary>
    public static DiskGeometry Isohybrid { get; } = new(64, 32);

    /// <summary>Sectors per cylinder.</summary>
    public int SectorsPerCylinder => Heads * SectorsPerTrack;
}
