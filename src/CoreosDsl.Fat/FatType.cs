namespace CoreosDsl.Fat;

/// <summary>
/// The FAT variant of a volume. The specification (Microsoft's "fatgen103") decides it by the number of data
/// clusters alone: fewer than 4085 is FAT12, fewer than 65525 is FAT16, anything larger is FAT32.
/// </summary>
public enum FatType
{
    /// <summary>12-bit FAT entries, fewer than 4085 clusters. Read only: the writer does not produce it.</summary>
    Fat12 = 12,

    /// <summary>16-bit FAT entries, 4085 to 65524 clusters, a fixed-size root directory.</summary>
    Fat16 = 16,

    /// <summary>28-bit FAT entries, 65525 clusters or more, the root directory in a cluster chain.</summary>
    Fat32 = 32,
}
