namespace CoreosDsl.Fat;

/// <summary>
/// The numbers that lay a volume out: how many reserved sectors, how large each FAT, where the data region
/// starts and how many clusters it holds. <see cref="Compute"/> solves them for a size, type, cluster size and
/// root directory size; <see cref="Choose"/> picks the cluster size.
/// <para>
/// Two choices beyond the specification's minimum: the data region starts at a multiple of the cluster size
/// (counted from the volume start, so clusters stay aligned on a partition at 1 MiB), padding the reserved
/// sectors; and when a volume at the largest cluster size has a few clusters more than the type allows, the
/// reserved region grows to give them up (at most 1% of the volume). That is how the seed's exact 2048 MiB
/// partition becomes a valid FAT16 volume with 32 KiB clusters (65524 of them) where <c>mkfs.fat</c> falls back to
/// 64 KiB clusters, which the specification calls invalid.
/// </para>
/// </summary>
internal sealed record FatGeometry(
    FatType Type,
    long TotalSectors,
    int SectorsPerCluster,
    int ReservedSectors,
    int RootEntryCount,
    long SectorsPerFat,
    long ClusterCount)
{
    /// <summary>FAT copies.</summary>
    public const int NumberOfFats = 2;

    /// <summary>The root directory entries a FAT16 volume gets at least (the usual 512).</summary>
    public const int DefaultRootEntries = 512;

    /// <summary>Sectors of the fixed root directory (FAT16).</summary>
    public long RootDirectorySectors => RootEntryCount * (long)FatLimits.DirectoryEntrySize / FatLimits.SectorSize;

    /// <summary>The first sector of the data region.</summary>
    public long FirstDataSector => ReservedSectors + (NumberOfFats * SectorsPerFat) + RootDirectorySectors;

    /// <summary>Bytes per cluster.</summary>
    public int BytesPerCluster => SectorsPerCluster * FatLimits.SectorSize;

    /// <summary>True when the cluster count is within the type's range.</summary>
    public bool IsValid => ClusterCount >= MinClusters(Type) && ClusterCount <= MaxClusters(Type) && ReservedSectors <= ushort.MaxValue;

    /// <summary>The fewest clusters <paramref name="type"/> allows.</summary>
    public static long MinClusters(FatType type) => type == FatType.Fat16 ? FatLimits.MinFat16Clusters : FatLimits.MinFat32Clusters;

    /// <summary>The most clusters <paramref name="type"/> allows.</summary>
    public static long MaxClusters(FatType type) => type == FatType.Fat16 ? FatLimits.MaxFat16Clusters : FatLimits.MaxFat32Clusters;

    /// <summary>
    /// Solves the layout for the given parameters. The result may have a cluster count outside the type's
    /// range: check <see cref="IsValid"/>.
    /// </summary>
    public static FatGeometry Compute(FatType type, long totalSectors, int sectorsPerCluster, int rootEntryCount)
    {
        var minimumReserved = type == FatType.Fat32 ? 32 : 1;
        var rootSectors = type == FatType.Fat16 ? rootEntryCount * (long)FatLimits.DirectoryEntrySize / FatLimits.SectorSize : 0;
        var entriesPerSector = FatLimits.SectorSize / FatTable.EntrySizeOf(type);

        long DataStart(long fatSectors) => AlignUp(minimumReserved + (NumberOfFats * fatSectors) + rootSectors, sectorsPerCluster);
        long Clusters(long fatSectors) => Math.Max(0, totalSectors - DataStart(fatSectors)) / sectorsPerCluster;

        // The smallest FAT that has an entry for every cluster it leaves room for (more FAT, fewer clusters:
        // the condition is monotonic, so a binary search finds it).
        long lo = 1, hi = ((totalSectors / sectorsPerCluster) + 2 + entriesPerSector - 1) / entriesPerSector + 1;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (mid * entriesPerSector >= Clusters(mid) + 2)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var fatSize = lo;
        var dataStart = DataStart(fatSize);
        var clusters = Clusters(fatSize);
        var max = MaxClusters(type);
        if (clusters > max && sectorsPerCluster == MaxSectorsPerCluster && (clusters - max) * sectorsPerCluster * 100 <= totalSectors)
        {
            // Give up the surplus clusters to the reserved region rather than switch to 64 KiB clusters.
            dataStart = AlignUp(totalSectors - (max * sectorsPerCluster), sectorsPerCluster);
            clusters = (totalSectors - dataStart) / sectorsPerCluster;
        }

        var reserved = dataStart - (NumberOfFats * fatSize) - rootSectors;
        return new FatGeometry(type, totalSectors, sectorsPerCluster, (int)Math.Min(reserved, int.MaxValue), rootEntryCount, fatSize, clusters);
    }

    /// <summary>The largest sectors-per-cluster value the writer uses (32 KiB clusters).</summary>
    public const int MaxSectorsPerCluster = FatLimits.MaxBytesPerCluster / FatLimits.SectorSize;

    /// <summary>
    /// A valid layout of <paramref name="type"/> for the size, or <see langword="null"/>. FAT16 takes the smallest
    /// cluster size whose cluster count fits (least slack); FAT32 starts from the specification's table
    /// (fatgen103, "FAT32 DskTableFAT32") and shrinks the clusters if the volume would have too few of them.
    /// <paramref name="sectorsPerCluster"/> forces a cluster size.
    /// </summary>
    public static FatGeometry? Choose(FatType type, long totalSectors, int rootEntryCount, int? sectorsPerCluster)
    {
        if (sectorsPerCluster is { } forced)
        {
            var g = Compute(type, totalSectors, forced, rootEntryCount);
            return g.IsValid ? g : null;
        }

        if (type == FatType.Fat16)
        {
            for (var spc = 1; spc <= MaxSectorsPerCluster; spc *= 2)
            {
                var g = Compute(type, totalSectors, spc, rootEntryCount);
                if (g.ClusterCount < MinClusters(type))
                {
                    return null; // larger clusters only make fewer of them
                }

                if (g.IsValid)
                {
                    return g;
                }
            }

            return null;
        }

        var start = totalSectors switch
        {
            <= 532_480 => 1,        // up to 260 MiB: 512-byte clusters
            <= 16_777_216 => 8,     // up to 8 GiB: 4 KiB
            <= 33_554_432 => 16,    // up to 16 GiB: 8 KiB
            <= 67_108_864 => 32,    // up to 32 GiB: 16 KiB
            _ => 64,                // 32 KiB
        };
        for (var spc = start; spc >= 1; spc /= 2)
        {
            var g = Compute(type, totalSectors, spc, rootEntryCount);
            if (g.IsValid)
            {
                return g;
            }

            if (g.ClusterCount > MaxClusters(type))
            {
                break;
            }
        }

        for (var spc = start * 2; spc <= MaxSectorsPerCluster; spc *= 2)
        {
            var g = Compute(type, totalSectors, spc, rootEntryCount);
            if (g.IsValid)
            {
                return g;
            }
        }

        return null;
    }

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
