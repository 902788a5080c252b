namespace CoreosDsl.Iso9660;

/// <summary>
/// How an image boots: an El Torito BIOS no-emulation entry (such as isolinux.bin, with the boot info table patched in),
/// optionally a UEFI entry (a FAT image in the tree), and optionally an isohybrid MBR so that the same image
/// also boots when written to a USB disk. The equivalent of xorriso's
/// <c>-c CATALOG -b IMAGE -no-emul-boot -boot-load-size 4 -boot-info-table [-isohybrid-mbr isohdpfx.bin]
/// [-eltorito-alt-boot -e EFI -no-emul-boot]</c>.
/// </summary>
public sealed class ElToritoBoot
{
    /// <summary>The path of the BIOS boot image in the tree ("isolinux/isolinux.bin"), or <c>null</c> for UEFI only.</summary>
    public string? BiosBootImage { get; init; }

    /// <summary>Where the boot catalog appears in the tree (it is written as a read-only 2048-byte file).</summary>
    public string CatalogPath { get; init; } = "boot.catalog";

    /// <summary>How many 512-byte sectors the BIOS loads (4 for isolinux.bin, as -boot-load-size 4).</summary>
    public ushort BiosLoadSectors { get; init; } = 4;

    /// <summary>Patch the boot info table into the BIOS boot image (-boot-info-table; isolinux.bin needs it).</summary>
    public bool BootInfoTable { get; init; } = true;

    /// <summary>The path of a FAT image in the tree to boot on UEFI (El Torito platform 0xEF), or <c>null</c>.</summary>
    public string? EfiBootImage { get; init; }

    /// <summary>The isohybrid MBR to put in the system area (needs <see cref="BiosBootImage"/> to be isolinux.bin), or <c>null</c>.</summary>
    public IsohybridMbr? Isohybrid { get; init; }
}
