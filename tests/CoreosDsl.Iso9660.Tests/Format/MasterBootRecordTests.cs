using CoreosDsl.Mbr;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Format;

/// <summary>The isohybrid MBR: the one MBR implementation (CoreosDsl.Mbr) completed with isohybrid's code, boot image position and geometry.</summary>
public sealed class MasterBootRecordTests
{
    [Fact]
    [Trait("Category", "Oracle")]
    public void Isohybrid_mbr_is_byte_identical_to_xorriso_given_the_same_inputs()
    {
        var stock = new byte[512];
        using (var file = File.OpenRead(StockImage.Instance.IsoPath))
        {
            file.ReadExactly(stock);
        }

        var parsed = MasterBootRecord.Parse(stock);
        var ours = IsohybridMbr.FromFile(Images.IsohdpfxPath).Complete((uint)(IsohybridMbr.BootImageSector(parsed) / 4),
            parsed.DiskSignature, new FileInfo(StockImage.Instance.IsoPath).Length);
        Assert.Equal(stock, ours.ToBytes());
    }

    [Fact]
    public void Mbr_round_trips_and_absent_signature_reads_as_null()
    {
        var mbr = IsohybridMbr.FromSystemArea(new byte[432]).Complete(100, 0x12345678, 3L << 30);
        var bytes = mbr.ToBytes();
        var parsed = MasterBootRecord.Parse(bytes);
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Equal(400UL, IsohybridMbr.BootImageSector(parsed));
        Assert.Equal(0x12345678u, parsed.DiskSignature);
        var partition = parsed.Partitions[0];
        Assert.Equal((MbrPartitionEntry.ActiveStatus, MbrPartitionType.Isohybrid, 0u, (uint)(3L << 30) / 512),
            (partition.Status, partition.Type, partition.FirstLba, partition.SectorCount));
        Assert.Equal(new ChsAddress(1023, 63, 32), partition.LastChs); // beyond 1024 cylinders CHS saturates
        Assert.False(MasterBootRecord.TryParse(new byte[512], out var none, out var reason));
        Assert.Null(none);
        Assert.Contains("55 AA at offset 510", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 0, 1)]
    [InlineData(20479, 9, 63, 32)]
    [InlineData(2048, 1, 0, 1)]
    [InlineData(33, 0, 1, 2)]
    public void Chs_addresses_follow_the_64_head_32_sector_geometry(long lba, int cylinder, int head, int sector)
    {
        var chs = ChsAddress.FromLba(lba, DiskGeometry.Isohybrid);
        Assert.Equal(new ChsAddress(cylinder, head, sector), chs);
        var bytes = new byte[3];
        chs.WriteTo(bytes);
        Assert.Equal(chs, ChsAddress.Read(bytes));
    }

    [Fact]
    public void Isohybrid_sizes_must_be_whole_cylinders()
    {
        Assert.Throws<ArgumentException>(() => IsohybridMbr.FromSystemArea(new byte[432]).Complete(34, 0, 10_000_000));
        Assert.Throws<ArgumentException>(() => IsohybridMbr.FromSystemArea(new byte[431]));
    }
}
