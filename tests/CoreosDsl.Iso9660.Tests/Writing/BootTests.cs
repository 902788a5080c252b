using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Writing;

// Each boot is its own test class so that xunit runs them in parallel (a TCG boot takes 10 to 30 seconds).

/// <summary>QEMU boots the image we wrote from the stock tree as a CD-ROM.</summary>
[Trait("Category", "Oracle")]
public sealed class CdromBootTests
{
    [Fact]
    public void Image_from_the_stock_tree_boots_as_a_cdrom_with_our_kernel_arguments()
    {
        using var scratch = new Scratch("iso-boot-cd");
        var iso = scratch.PathOf("ours.iso");
        Images.FromStockTree().WriteToFile(iso);
        var boot = QemuBoot.Cdrom(iso);
        Assert.True(boot.Completed, boot.Serial);
        Assert.Contains(boot.Markers, m => m.StartsWith("BOOTLAB-MEDIUM-FOUND", StringComparison.Ordinal));
        Assert.Contains(Images.OurAppend, boot.CommandLine);
        Assert.Contains("BOOTLAB-CLOUD-CONFIG-URL: http://example.com/cloud-config.yml", boot.Markers);
    }
}

/// <summary>QEMU boots the same image as a hard disk: the isohybrid MBR starts isolinux.bin.</summary>
[Trait("Category", "Oracle")]
public sealed class HardDiskBootTests
{
    [Fact]
    public void Image_from_the_stock_tree_boots_as_a_hard_disk_through_the_isohybrid_mbr()
    {
        using var scratch = new Scratch("iso-boot-hd");
        var iso = scratch.PathOf("ours.iso");
        Images.FromStockTree().WriteToFile(iso);
        var boot = QemuBoot.HardDisk(iso);
        Assert.True(boot.Completed, boot.Serial);
        Assert.Contains(boot.Markers, m => m.StartsWith("BOOTLAB-MEDIUM-FOUND dev=/dev/sda", StringComparison.Ordinal));
        Assert.Contains(Images.OurAppend, boot.CommandLine);
    }
}

/// <summary>Remastering at the library level: read the stock ISO, replace isolinux.cfg, write, boot.</summary>
[Trait("Category", "Oracle")]
public sealed class RemasterBootTests
{
    private const string RemasterAppend = "cloud-config-url=http://example.com/remastered.yml coreosdsl.remastered=1";

    [Fact]
    public void Remastered_stock_image_keeps_everything_else_and_boots_with_the_new_arguments()
    {
        using var scratch = new Scratch("iso-remaster");
        var iso = scratch.PathOf("remastered.iso");
        using (var stock = IsoReader.Open(StockImage.Instance.IsoPath))
        {
            var builder = IsoBuilder.FromImage(stock);
            builder.AddFile("isolinux/isolinux.cfg", IsoFileSource.FromText(Images.IsolinuxConfig(RemasterAppend)));
            builder.WriteToFile(iso);
        }

        var report = XorrisoReport.Read(iso);
        Assert.True(report.Contains("El Torito img opts :   1  boot-info-table isohybrid-suitable"), report.Text);
        Assert.True(report.Contains("System area summary: MBR isohybrid cyl-align-on"), report.Text);
        Assert.True(report.Contains("El Torito cat path : /isolinux/boot.cat"), report.Text);

        using (var stock = IsoReader.Open(StockImage.Instance.IsoPath))
        using (var remastered = IsoReader.Open(iso))
        {
            Assert.Equal(stock.VolumeIdentifier, remastered.VolumeIdentifier);
            var before = TreeSnapshot.OfImage(stock);
            var after = TreeSnapshot.OfImage(remastered);
            Assert.Equal(before.Keys, after.Keys);
            foreach (var path in before.Keys.Where(p => p is not "/isolinux/isolinux.cfg" and not "/isolinux/isolinux.bin" and not "/isolinux/boot.cat"))
            {
                Assert.Equal(before[path], after[path]);
            }

            Assert.Equal(stock.SystemArea.Span[..432].ToArray(), remastered.SystemArea.Span[..432].ToArray());
        }

        var boot = QemuBoot.Cdrom(iso);
        Assert.True(boot.Completed, boot.Serial);
        Assert.Contains(RemasterAppend, boot.CommandLine);
        Assert.Contains("BOOTLAB-CLOUD-CONFIG-URL: http://example.com/remastered.yml", boot.Markers);
    }
}
