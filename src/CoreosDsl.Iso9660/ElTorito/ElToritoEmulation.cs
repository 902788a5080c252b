namespace CoreosDsl.Iso9660;

/// <summary>The boot media type of an El Torito entry: what the firmware emulates for the boot image.</summary>
public enum ElToritoEmulation : byte
{
    /// <summary>No emulation: the firmware loads the image and jumps to it (isolinux.bin, EFI images).</summary>
    NoEmulation = 0,

    /// <summary>A 1.2 MB diskette.</summary>
    Diskette1200 = 1,

    /// <summary>A 1.44 MB diskette.</summary>
    Diskette1440 = 2,

    /// <summary>A 2.88 MB diskette.</summary>
    Diskette2880 = 3,

    /// <summary>A hard disk (the image starts with an MBR).</summary>
    HardDisk = 4,
}
