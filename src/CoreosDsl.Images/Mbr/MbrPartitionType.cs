namespace CoreosDsl.Images.Mbr;

/// <summary>The partition type byte of an MBR entry (the values this project writes or meets).</summary>
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

    /// <summary>A hybrid ISO's partition (isohybrid writes 0x17 or 0x00 for the ISO itself).</summary>
    HiddenNtfs = 0x17,

    /// <summary>Linux native.</summary>
    Linux = 0x83,

    /// <summary>An EFI system partition.</summary>
    EfiSystem = 0xEF,
}
