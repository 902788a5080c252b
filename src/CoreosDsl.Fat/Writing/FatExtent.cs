namespace CoreosDsl.Fat;

/// <summary>
/// Where a file or directory lies in a planned volume. The writer allocates each one contiguously, so the
/// clusters <see cref="FirstCluster"/> .. + <see cref="ClusterCount"/> - 1 and the sectors
/// <see cref="FirstSector"/> .. + <see cref="SectorCount"/> - 1 hold it in order. Sector numbers count from the
/// start of the volume (add the partition's start LBA for a disk LBA), as syslinux's sector list does.
/// </summary>
public sealed record FatExtent
{
    internal FatExtent(string path, long length, uint firstCluster, long clusterCount, long firstSector, long sectorCount)
    {
        Path = path;
        Length = length;
        FirstCluster = firstCluster;
        ClusterCount = clusterCount;
        FirstSector = firstSector;
        SectorCount = sectorCount;
    }

    /// <summary>The path in the volume, '/'-separated, as it was added.</summary>
    public string Path { get; }

    /// <summary>The file length in bytes (0 for a directory).</summary>
    public long Length { get; }

    /// <summary>The first cluster (0 for an empty file, which owns none).</summary>
    public uint FirstCluster { get; }

    /// <summary>The number of clusters allocated.</summary>
    public long ClusterCount { get; }

    /// <summary>The first sector, counted from the start of the volume.</summary>
    public long FirstSector { get; }

    /// <summary>The number of sectors allocated (whole clusters).</summary>
    public long SectorCount { get; }

    /// <summary>The byte offset of the first sector from the start of the volume.</summary>
    public long ByteOffset => FirstSector * FatLimits.SectorSize;
}
