using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Writing;

/// <summary>What xorriso, isoinfo and 7z say about a bootable hybrid image we wrote from the stock tree.</summary>
[Trait("Category", "Oracle")]
public sealed class BootableImageOracleTests : IDisposable
{
    private readonly Scratch _scratch = new("iso-boot-oracles");
    private readonly string _iso;

    public BootableImageOracleTests()
    {
        _iso = _scratch.PathOf("ours.iso");
        Images.FromStockTree().WriteToFile(_iso);
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Xorriso_reports_the_El_Torito_entry_and_the_isohybrid_mbr()
    {
        var report = XorrisoReport.Read(_iso);
        Assert.True(report.Contains("El Torito img opts :   1  boot-info-table isohybrid-suitable"), report.Text);
        Assert.True(report.Contains("System area summary: MBR isohybrid cyl-align-on"), report.Text);
        Assert.True(report.Contains("El Torito cat path : /isolinux/boot.cat"), report.Text);
        var entry = Assert.Single(report.BootImages);
        Assert.Equal(("BIOS", true, "none", (ushort)0, (ushort)4), (entry.Platform, entry.Bootable, entry.Emulation, entry.LoadSegment, entry.LoadSize));
        Assert.Equal("/isolinux/isolinux.bin", Assert.Single(report.BootImagePaths));
        var (status, type, start, blocks) = Assert.Single(report.MbrPartitions);
        Assert.Equal((0x80, 0x17, 0u), (status, type, start));
        Assert.Equal(new FileInfo(_iso).Length / 512, blocks);
    }

    [Fact]
    public void Isoinfo_sees_the_volume_and_a_no_emulation_boot_entry()
    {
        var info = ExternalTool.Run("isoinfo", ["-d", "-i", _iso]).EnsureSuccess().StandardOutput;
        Assert.Contains("Volume id: COREOS\n", info);
        Assert.Contains("Boot media 0 (No Emulation Boot)", info);
        Assert.Contains("Rock Ridge signatures version 1 found", info);
        Assert.Contains("Joliet with UCS level 3 found", info);
        Assert.Contains("Nsect 4", info);
    }

    [Fact]
    public void Hybrid_layout_facts_hold()
    {
        var bytes = File.ReadAllBytes(_iso);
        Assert.Equal(0, bytes.Length % (1 << 20));
        Assert.Equal(File.ReadAllBytes(Images.IsohdpfxPath), bytes[..432]);
        using var image = IsoReader.Open(_iso);
        var bin = Assert.IsType<IsoFile>(image.GetEntry("isolinux/isolinux.bin"));
        Assert.Equal(bin.Lba * 4UL, BitConverter.ToUInt64(bytes, 0x1B0));
        var table = BootInfoTable.Read(bytes.AsSpan((int)(bin.Lba * 2048L)));
        var original = File.ReadAllBytes(Path.Combine(StockImage.Instance.TreePath, "isolinux", "isolinux.bin"));
        Assert.Equal(BootInfoTable.Compute(original, bin.Lba), table);
        Assert.Equal((16u, bin.Lba, (uint)original.Length), (table.PrimaryVolumeDescriptorLba, table.FileLba, table.FileLength));
    }

    [Fact]
    public void Seven_zip_lists_the_files_and_the_boot_image()
    {
        var listing = ExternalTool.Run("7z", ["l", _iso]).EnsureSuccess().StandardOutput;
        foreach (var name in new[] { "coreos/vmlinuz", "coreos/cpio.gz", "isolinux/isolinux.bin", "isolinux/isolinux.cfg", "isolinux/ldlinux.c32", "isolinux/boot.cat", "[BOOT]/Boot-NoEmul.img" })
        {
            Assert.Contains(name, listing);
        }
    }
}
