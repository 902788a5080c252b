using CoreosDsl.Mbr;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Images.Tests;

/// <summary>The MBR and its partition entries: round trips, and the same bytes sfdisk writes for the same layout.</summary>
public sealed class MbrTests : IDisposable
{
    private readonly string _dir = TestPaths.NewScratchDirectory("mbr");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PartitionEntryRoundTrips()
    {
        var entry = MbrPartitionEntry.Create(MbrPartitionType.Fat16, 2048, 4_194_304, active: true);
        var bytes = entry.ToBytes();
        Assert.Equal(entry, MbrPartitionEntry.Parse(bytes));
        Assert.Equal(new byte[] { 0x80, 0x20, 0x21, 0x00, 0x06, 0x35, 0x70, 0x05, 0x00, 0x08, 0, 0, 0, 0, 0x40, 0 }, bytes);
    }

    [Fact]
    public void RecordRoundTrips()
    {
        var code = Enumerable.Range(0, 440).Select(i => (byte)i).ToArray();
        var record = new MasterBootRecord(code, 0xDEADBEEF, [MbrPartitionEntry.Create(MbrPartitionType.Fat32Lba, 2048, 100_000, active: true)]);
        var parsed = MasterBootRecord.Parse(record.ToBytes());
        Assert.Equal(code, parsed.BootCode.ToArray());
        Assert.Equal(0xDEADBEEFu, parsed.DiskSignature);
        Assert.Equal(record.Partitions, parsed.Partitions);
        Assert.Equal(record.ToBytes(), parsed.ToBytes());
    }

    [Theory]
    [InlineData(0L, 0, 0, 1)]
    [InlineData(2048L, 0, 32, 33)]
    [InlineData(16_450_559L, 1023, 254, 63)]  // the last addressable CHS
    [InlineData(16_450_560L, 1023, 254, 63)]  // beyond: clamped
    public void ChsFollowsTheFdiskGeometry(long lba, int cylinder, int head, int sector)
    {
        var chs = ChsAddress.FromLba(lba, DiskGeometry.Fdisk);
        Assert.Equal(new ChsAddress(cylinder, head, sector), chs);
        var bytes = new byte[3];
        chs.WriteTo(bytes);
        Assert.Equal(chs, ChsAddress.Read(bytes));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void PartitionTableMatchesWhatSfdiskWrites()
    {
        // Two partitions, the second past cylinder 1023: sfdisk's CHS clamping must agree with ours.
        var image = Path.Combine(_dir, "sfdisk.img");
        using (var f = File.Create(image))
        {
            f.SetLength(20L << 30);
        }

        ExternalTool.Run("sfdisk", ["-q", image], standardInput:
            "label: dos\nlabel-id: 0x12345678\nstart=2048, size=4194304, type=6, bootable\nstart=4196352, size=37746688, type=c\n").EnsureSuccess();
        var sector = new byte[512];
        using (var f = File.OpenRead(image))
        {
            f.ReadExactly(sector);
        }

        var ours = new MasterBootRecord([], 0x12345678,
        [
            MbrPartitionEntry.Create(MbrPartitionType.Fat16, 2048, 4_194_304, active: true),
            MbrPartitionEntry.Create(MbrPartitionType.Fat32Lba, 4_196_352, 37_746_688, active: false),
        ]).ToBytes();
        Assert.Equal(sector[440..], ours[440..]);
        Assert.Equal(MasterBootRecord.Parse(sector).Partitions, MasterBootRecord.Parse(ours).Partitions);
    }

    [Fact]
    public void MissingSignatureAndBadStatusAreRejected()
    {
        var bytes = new MasterBootRecord([], 1, [MbrPartitionEntry.Create(MbrPartitionType.Fat16, 2048, 10, active: true)]).ToBytes();
        bytes[446] = 0x12;
        var error = Assert.Throws<InvalidDataException>(() => MasterBootRecord.Parse(bytes));
        Assert.Contains("offset 446", error.Message, StringComparison.Ordinal);
        bytes[510] = 0;
        Assert.Contains("55 AA", Assert.Throws<InvalidDataException>(() => MasterBootRecord.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void BootCodeLoadsFromMbrBinOrFromADiskImage()
    {
        var mbrBin = File.ReadAllBytes("/usr/lib/syslinux/mbr/mbr.bin");
        Assert.Equal(mbrBin, MasterBootRecord.LoadBootCode("/usr/lib/syslinux/mbr/mbr.bin"));

        var disk = Path.Combine(_dir, "disk.img");
        var record = new MasterBootRecord(mbrBin, 7, [MbrPartitionEntry.Create(MbrPartitionType.Fat16, 2048, 100, active: true)]);
        using (var f = File.Create(disk))
        {
            f.Write(record.ToBytes());
            f.SetLength(1 << 20);
        }

        Assert.Equal(mbrBin, MasterBootRecord.LoadBootCode(disk));
        File.WriteAllBytes(disk, new byte[1000]);
        Assert.Throws<InvalidDataException>(() => MasterBootRecord.LoadBootCode(disk));
    }
}
