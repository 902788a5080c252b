namespace CoreosDsl.Mbr;

/// <summary>The partition type byte of an MBR entry (the values this project writes or meets; others keep their number).</summary>
public enum MbrPartitionType : byte
{
    /// <summary>An unused entry.</summary>
    Empty = 0x00,

    /// <summary>FAT16 of 32 MiB or more (what the seed's <c>fdisk t 6</c> sets).</summary>
    Fat16 = 0x06,

    /// <summary>FAT32 addressed by LBA.</summary>
    Fat32Lba = 0x0C,

    /// <summary>FAT16 addressed by LBA.</summary>
    Fat16Lba = 0x0E,

    /// <summary>The partition xorriso and isohybrid give a hybrid ISO image (0x17, "hidden NTFS/IFS").</summary>
    Isohybrid = 0x17,

    /// <summary>Linux native.</summary>
    Linux = 0x83,

    /// <summary>An EFI system partition.</summary>
    EfiSystem = 0xEF,
}
