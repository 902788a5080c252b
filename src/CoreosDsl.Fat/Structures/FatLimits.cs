namespace CoreosDsl.Fat;

/// <summary>The numeric limits of the FAT specification that layout and parsing share.</summary>
internal static class FatLimits
{
    /// <summary>The sector size the writer uses.</summary>
    public const int SectorSize = 512;

    /// <summary>Fewer data clusters than this make a FAT12 volume.</summary>
    public const long MinFat16Clusters = 4085;

    /// <summary>The most data clusters a FAT16 volume may have.</summary>
    public const long MaxFat16Clusters = 65524;

    /// <summary>Fewer data clusters than this make a FAT16 volume.</summary>
    public const long MinFat32Clusters = 65525;

    /// <summary>The most data clusters a FAT32 volume may have (cluster numbers stay below 0x0FFFFFF7, "bad cluster").</summary>
    public const long MaxFat32Clusters = 0x0FFFFFF5 - 1;

    /// <summary>The largest cluster the specification calls valid (32 KiB: larger ones break many readers).</summary>
    public const int MaxBytesPerCluster = 32 * 1024;

    /// <summary>The most entries a FAT16 root directory can have (a 16-bit count of whole sectors).</summary>
    public const int MaxFat16RootEntries = 65520;

    /// <summary>Bytes of a directory entry.</summary>
    public const int DirectoryEntrySize = 32;

    /// <summary>The largest file FAT can hold (the size field is 32-bit).</summary>
    public const long MaxFileSize = uint.MaxValue;

    /// <summary>The longest long name, in UTF-16 code units.</summary>
    public const int MaxLongNameLength = 255;
}
