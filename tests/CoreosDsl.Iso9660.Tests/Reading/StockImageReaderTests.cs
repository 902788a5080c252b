using System.Text.RegularExpressions;
using CoreosDsl.Mbr;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Reading;

/// <summary>The reader against the stand-in stock ISO that xorriso built: files, names, boot catalog, system area.</summary>
[Trait("Category", "Oracle")]
public sealed class StockImageReaderTests
{
    private static StockImage Stock => StockImage.Instance;

    [Fact]
    public void Every_file_is_byte_identical_to_the_tree_it_was_built_from()
    {
        using var image = IsoReader.Open(Stock.IsoPath);
        Assert.Equal(IsoNamespace.RockRidge, image.Namespace);
        var files = image.EnumerateFiles().Where(f => f.FullPath != "/isolinux/boot.cat").ToList();
        var expected = Directory.GetFiles(Stock.TreePath, "*", SearchOption.AllDirectories)
            .Select(p => "/" + Path.GetRelativePath(Stock.TreePath, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, files.Select(f => f.FullPath).Order(StringComparer.Ordinal).ToList());
        foreach (var file in files)
        {
            var onDisk = File.ReadAllBytes(Path.Combine(Stock.TreePath, file.FullPath.TrimStart('/')));
            using var stream = file.Open();
            var inImage = new byte[file.Length];
            stream.ReadExactly(inImage);
            if (file.FullPath == "/isolinux/isolinux.bin")
            {
                // xorriso patched the boot info table into the image's copy (bytes 8 to 63): the rest is the same.
                Assert.Equal(onDisk[..8], inImage[..8]);
                Assert.Equal(onDisk[64..], inImage[64..]);
            }
            else
            {
                Assert.True(onDisk.AsSpan().SequenceEqual(inImage), $"{file.FullPath} differs from the tree");
            }
        }
    }

    [Fact]
    public void Rock_Ridge_gives_permissions_and_Iso9660_identifiers_are_recorded()
    {
        using var image = IsoReader.Open(Stock.IsoPath);
        var cfg = Assert.IsType<IsoFile>(image.GetEntry("isolinux/isolinux.cfg"));
        Assert.Equal((UnixFileMode)0x1A4, cfg.Mode); // rw-r--r--
        Assert.Equal(151, cfg.Length);
        Assert.Equal("isolinux.cfg;1", cfg.Identifier, ignoreCase: true);
        var catalog = Assert.IsType<IsoFile>(image.GetEntry("/isolinux/boot.cat"));
        Assert.Equal((UnixFileMode)0x124, catalog.Mode); // r--r--r--
        Assert.IsType<IsoDirectory>(image.GetEntry("coreos"));
        Assert.Null(image.GetEntry("coreos/missing"));
        Assert.Throws<FileNotFoundException>(() => image.OpenFile("/nope"));
    }

    [Fact]
    public void Joliet_and_plain_trees_can_be_chosen()
    {
        using var joliet = IsoReader.Open(Stock.IsoPath, new IsoReaderOptions { Namespace = IsoNamespace.Joliet });
        Assert.True(joliet.HasJoliet);
        Assert.Equal(
            ["/coreos", "/coreos/cpio.gz", "/coreos/vmlinuz", "/isolinux", "/isolinux/boot.cat", "/isolinux/isolinux.bin", "/isolinux/isolinux.cfg", "/isolinux/ldlinux.c32"],
            joliet.EnumerateEntries().Select(e => e.FullPath).Order(StringComparer.Ordinal));
        using var plain = IsoReader.Open(Stock.IsoPath, new IsoReaderOptions { Namespace = IsoNamespace.Iso9660 });
        Assert.Equal(8, plain.EnumerateEntries().Count());
        Assert.Equal(joliet.EnumerateFiles().Select(f => f.Lba).Order(), plain.EnumerateFiles().Select(f => f.Lba).Order());
    }

    [Fact]
    public void Volume_descriptor_matches_isoinfo()
    {
        var isoinfo = ExternalTool.Run("isoinfo", ["-d", "-i", Stock.IsoPath]).EnsureSuccess().StandardOutput;
        using var image = IsoReader.Open(Stock.IsoPath);
        Assert.Contains($"Volume id: {image.VolumeIdentifier}\n", isoinfo);
        Assert.Contains($"Volume size is: {image.VolumeSectorCount}\n", isoinfo);
        Assert.Equal("COREOS", image.VolumeIdentifier);
        Assert.Equal(new FileInfo(Stock.IsoPath).Length, image.VolumeSectorCount * 2048L);
    }

    [Fact]
    public void Boot_catalog_is_what_xorriso_reports()
    {
        var report = XorrisoReport.Read(Stock.IsoPath);
        using var image = IsoReader.Open(Stock.IsoPath);
        var catalog = Assert.IsType<ElToritoCatalog>(image.BootCatalog);
        Assert.Equal(report.CatalogLba, catalog.Lba);
        var entry = Assert.Single(catalog.Entries);
        var expected = Assert.Single(report.BootImages);
        Assert.Equal(expected.Platform, entry.Platform == ElToritoPlatform.X86 ? "BIOS" : entry.Platform == ElToritoPlatform.Efi ? "UEFI" : "?");
        Assert.Equal(expected.Bootable, entry.IsBootable);
        Assert.Equal(expected.Emulation, entry.Emulation == ElToritoEmulation.NoEmulation ? "none" : "emulated");
        Assert.Equal(expected.LoadSegment, entry.LoadSegment);
        Assert.Equal(expected.LoadSize, entry.SectorCount);
        Assert.Equal(expected.Lba, entry.Lba);
        var bootFile = Assert.IsType<IsoFile>(image.GetEntry(report.BootImagePaths[0]));
        Assert.Equal(entry.Lba, bootFile.Lba);
        Assert.Equal(report.CatalogPath, image.EnumerateFiles().Single(f => f.Lba == catalog.Lba).FullPath);
    }

    [Fact]
    public void System_area_holds_the_isohybrid_mbr_xorriso_reports()
    {
        var report = XorrisoReport.Read(Stock.IsoPath);
        using var image = IsoReader.Open(Stock.IsoPath);
        Assert.Equal(32768, image.SystemArea.Length);
        var mbr = Assert.IsType<MasterBootRecord>(image.MasterBootRecord);
        Assert.Equal(File.ReadAllBytes(Images.IsohdpfxPath), mbr.BootCode[..432].ToArray());
        Assert.Equal(image.BootCatalog!.DefaultEntry.Lba * 4UL, IsohybridMbr.BootImageSector(mbr));
        var partition = mbr.Partitions[0];
        var (status, type, start, blocks) = Assert.Single(report.MbrPartitions);
        Assert.Equal(status, partition.Status);
        Assert.Equal(type, (byte)partition.Type);
        Assert.Equal(start, partition.FirstLba);
        Assert.Equal(blocks, partition.SectorCount);
        Assert.True(mbr.Partitions.Skip(1).All(p => p.IsEmpty));
    }
}
