using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests;

/// <summary>Images the writer tests build from the stand-in stock tree.</summary>
internal static class Images
{
    public static readonly DateTimeOffset Timestamp = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    /// <summary>Debian's isohybrid MBR code (package isolinux), as the oracle commands pass it to -isohybrid-mbr.</summary>
    public const string IsohdpfxPath = "/usr/lib/ISOLINUX/isohdpfx.bin";

    public const string OurAppend = "cloud-config-url=http://example.com/cloud-config.yml";

    /// <summary>An isolinux.cfg like the stock one, whose APPEND line carries our cloud-config-url.</summary>
    public static string IsolinuxConfig(string append = OurAppend) =>
        "SERIAL 0 115200\nDEFAULT coreos\nPROMPT 0\nTIMEOUT 0\nLABEL coreos\n  KERNEL /coreos/vmlinuz\n" +
        $"  APPEND initrd=/coreos/cpio.gz coreos.autologin console=ttyS0 {append}\n";

    /// <summary>
    /// The stock tree's boot: <c>-b isolinux/isolinux.bin -c isolinux/boot.cat -boot-load-size 4 -boot-info-table</c>,
    /// with <c>-isohybrid-mbr isohdpfx.bin</c> when <paramref name="isohybrid"/>.
    /// </summary>
    public static ElToritoBoot IsolinuxBoot(bool isohybrid = true) => new()
    {
        BiosBootImage = "isolinux/isolinux.bin",
        CatalogPath = "isolinux/boot.cat",
        BiosLoadSectors = 4,
        BootInfoTable = true,
        Isohybrid = isohybrid ? IsohybridMbr.FromFile(IsohdpfxPath) : null,
    };

    /// <summary>The stock tree from disk with our isolinux.cfg, El Torito and an isohybrid MBR from isohdpfx.bin.</summary>
    public static IsoBuilder FromStockTree()
    {
        var builder = new IsoBuilder
        {
            VolumeIdentifier = "COREOS",
            Timestamp = Timestamp,
            Boot = IsolinuxBoot(),
        };
        builder.AddDirectoryTree(StockImage.Instance.TreePath);
        builder.AddFile("isolinux/isolinux.cfg", IsoFileSource.FromText(IsolinuxConfig()));
        return builder;
    }
}
