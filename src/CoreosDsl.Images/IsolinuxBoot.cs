using CoreosDsl.Iso9660;

namespace CoreosDsl.Images;

/// <summary>
/// isolinux's El Torito setup, as CoreOS's ISOs and the usual
/// <c>xorriso -as mkisofs -c isolinux/boot.cat -b isolinux/isolinux.bin -no-emul-boot -boot-load-size 4 -boot-info-table [-isohybrid-mbr isohdpfx.bin]</c>
/// use it. The ISO 9660 library only knows El Torito entries and isohybrid MBRs; which files a syslinux install
/// puts where is known here.
/// </summary>
public static class IsolinuxBoot
{
    /// <summary>Where the BIOS boot image lies in the tree.</summary>
    public const string BootImagePath = "isolinux/isolinux.bin";

    /// <summary>Where the boot catalog appears in the tree.</summary>
    public const string CatalogPath = "isolinux/boot.cat";

    /// <summary>Debian's isohybrid MBR code (isohdpfx.bin), from the isolinux package.</summary>
    public const string DebianIsohdpfxPath = "/usr/lib/ISOLINUX/isohdpfx.bin";

    /// <summary>
    /// The usual isolinux boot: <see cref="BootImagePath"/>, catalog <see cref="CatalogPath"/>, 4 sectors, boot info
    /// table, and optionally an isohybrid MBR (<see cref="DebianIsohybridMbr"/>) so that the image also boots as a disk.
    /// </summary>
    public static ElToritoBoot Create(IsohybridMbr? isohybrid = null) => new()
    {
        BiosBootImage = BootImagePath,
        CatalogPath = CatalogPath,
        BiosLoadSectors = 4,
        BootInfoTable = true,
        Isohybrid = isohybrid,
    };

    /// <summary>The isohybrid MBR code of the host's isolinux package (<see cref="DebianIsohdpfxPath"/>).</summary>
    /// <exception cref="FileNotFoundException">The isolinux package is not installed ('apt-get install isolinux').</exception>
    public static IsohybridMbr DebianIsohybridMbr(uint? diskSignature = null)
    {
        if (!File.Exists(DebianIsohdpfxPath))
        {
            throw new FileNotFoundException($"No isohybrid MBR code at {DebianIsohdpfxPath}: 'apt-get install isolinux', or give isohdpfx.bin to IsohybridMbr.FromFile.",
                DebianIsohdpfxPath);
        }

        return IsohybridMbr.FromFile(DebianIsohdpfxPath, diskSignature);
    }
}
