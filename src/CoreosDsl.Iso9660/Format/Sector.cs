namespace CoreosDsl.Iso9660;

/// <summary>Logical sector arithmetic: every ISO 9660 image this component handles uses 2048-byte sectors.</summary>
internal static class Sector
{
    /// <summary>Bytes per logical sector (and per logical block: both are 2048 here).</summary>
    public const int Size = 2048;

    /// <summary>Sectors 0 to 15 are the system area (MBR, partition tables); volume descriptors start at 16.</summary>
    public const int SystemAreaSectors = 16;

    /// <summary>Bytes in the system area.</summary>
    public const int SystemAreaSize = SystemAreaSectors * Size;

    /// <summary>The sector holding the primary volume descriptor.</summary>
    public const int PrimaryVolumeDescriptorLba = 16;

    /// <summary>How many whole sectors <paramref name="bytes"/> occupies.</summary>
    public static long Count(long bytes) => (bytes + Size - 1) / Size;

    /// <summary>The byte offset of sector <paramref name="lba"/>.</summary>
    public static long Offset(long lba) => lba * Size;
}
