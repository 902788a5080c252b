using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Writing;

/// <summary>A BIOS + UEFI image: the EFI entry (platform 0xEF) points at a FAT image in the tree.</summary>
public sealed class EfiBootTests
{
    [Fact]
    [Trait("Category", "Oracle")]
    public void Xorriso_reports_a_bios_and_a_uefi_boot_image()
    {
        using var scratch = new Scratch("iso-efi");
        var fat = scratch.PathOf("efiboot.img");
        ExternalTool.Run("mkfs.fat", ["-C", fat, "1440"]).EnsureSuccess();
        var builder = Images.FromStockTree();
        builder.AddFile("efi/efiboot.img", IsoFileSource.FromFile(fat));
        builder.Boot = new ElToritoBoot
        {
            BiosBootImage = "isolinux/isolinux.bin",
            CatalogPath = "isolinux/boot.cat",
            EfiBootImage = "efi/efiboot.img",
            Isohybrid = IsohybridMbr.FromFile(Images.IsohdpfxPath),
        };
        var iso = scratch.PathOf("efi.iso");
        builder.WriteToFile(iso);

        var report = XorrisoReport.Read(iso);
        Assert.Equal(["/isolinux/isolinux.bin", "/efi/efiboot.img"], report.BootImagePaths);
        var images = report.BootImages;
        Assert.Equal(2, images.Count);
        Assert.Equal(("UEFI", true, "none", (ushort)2880), (images[1].Platform, images[1].Bootable, images[1].Emulation, images[1].LoadSize));
        Assert.True(report.Contains("System area summary: MBR isohybrid cyl-align-on"), report.Text);

        using var image = IsoReader.Open(iso);
        var efi = image.BootCatalog!.Entries[1];
        Assert.Equal(ElToritoPlatform.Efi, efi.Platform);
        Assert.Equal(((IsoFile)image.GetEntry("efi/efiboot.img")!).Lba, efi.Lba);
        Assert.Equal(images[1].Lba, efi.Lba);
        Assert.Equal(File.ReadAllBytes(fat), TreeSnapshot.ReadAll((IsoFile)image.GetEntry("efi/efiboot.img")!));
    }

    [Fact]
    public void Efi_only_image_has_an_efi_validation_entry()
    {
        var builder = new IsoBuilder { Timestamp = Images.Timestamp, Boot = new ElToritoBoot { EfiBootImage = "efi.img", CatalogPath = "boot.cat" } }
            .AddFile("efi.img", IsoFileSource.FromBytes(new byte[8192]));
        var output = new MemoryStream();
        builder.Write(output);
        using var image = IsoReader.Open(new MemoryStream(output.ToArray()));
        Assert.Equal(ElToritoPlatform.Efi, image.BootCatalog!.ValidationPlatform);
        Assert.Equal(16, Assert.Single(image.BootCatalog.Entries).SectorCount);
    }
}
