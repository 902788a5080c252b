using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Format;

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

        var parsed = MasterBootRecord.TryParse(stock)!;
        var ours = MasterBootRecord.Isohybrid(File.ReadAllBytes(IsohybridMbr.DebianIsohdpfxPath), (uint)(parsed.IsohybridBootSector / 4),
            parsed.DiskSignature, new FileInfo(StockImage.Instance.IsoPath).Length);
        Assert.Equal(stock, ours.ToBytes());
    }

    [Fact]
    public void Mbr_round_trips_and_absent_signature_reads_as_null()
    {
        var mbr = MasterBootRecord.Isohybrid(new byte[432], 100, 0x12345678, 3L << 30);
        var bytes = mbr.ToBytes();
        var parsed = MasterBootRecord.TryParse(bytes)!;
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Equal(400UL, parsed.IsohybridBootSector);
        Assert.Equal(0x12345678u, parsed.DiskSignature);
        var partition = parsed.Partitions[0];
        Assert.Equal((MbrPartitionEntry.Active, (byte)0x17, 0u, (uint)(3L << 30) / 512), (partition.Status, partition.Type, partition.StartLba, partition.SectorCount));
        Assert.Equal(new CylinderHeadSector(1023, 63, 32), partition.End); // beyond 1024 cylinders CHS saturates
        Assert.Null(MasterBootRecord.TryParse(new byte[512]));
    }

    [Theory]
    [InlineData(0, 0, 0, 1)]
    [InlineData(20479, 9, 63, 32)]
    [InlineData(2048, 1, 0, 1)]
    [InlineData(33, 0, 1, 2)]
    public void Chs_addresses_follow_the_64_head_32_sector_geometry(long lba, int cylinder, int head, int sector)
    {
        var chs = CylinderHeadSector.FromLba(lba, 64, 32);
        Assert.Equal(new CylinderHeadSector(cylinder, head, sector), chs);
        var bytes = new byte[3];
        chs.WriteTo(bytes);
        Assert.Equal(chs, CylinderHeadSector.Read(bytes));
    }

    [Fact]
    public void Isohybrid_sizes_must_be_whole_cylinders()
    {
        Assert.Throws<ArgumentException>(() => MasterBootRecord.Isohybrid(new byte[432], 34, 0, 10_000_000));
        Assert.Throws<ArgumentException>(() => MasterBootRecord.Isohybrid(new byte[431], 34, 0, 1 << 20));
    }
}
