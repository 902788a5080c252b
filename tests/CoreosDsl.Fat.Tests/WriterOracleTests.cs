using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Fat.Tests;

/// <summary>Volumes written by <see cref="FatBuilder"/>, checked by fsck.fat and mtools.</summary>
public sealed class WriterOracleTests : IDisposable
{
    private readonly string _dir = TestPaths.NewScratchDirectory("fat-writer");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [Trait("Category", "Oracle")]
    [InlineData(FatType.Fat16, 64)]
    [InlineData(FatType.Fat32, 64)]
    [InlineData(FatType.Fat16, 2048)]
    public void VolumeIsCleanAndEveryFileReadsBack(FatType type, int mebibytes)
    {
        var image = Path.Combine(_dir, "part.img");
        var builder = new FatBuilder(new FatFormatOptions { Size = (long)mebibytes << 20, Type = type, VolumeLabel = "COREOS", HiddenSectors = 2048 });
        var files = SampleTree.Stock();
        SampleTree.AddTo(builder, files);
        var layout = builder.Plan();
        layout.WriteTo(image);

        Oracles.AssertClean(image);
        SampleTree.AssertMtoolsReadsBack(image, 0, files);

        var info = Oracles.Mtools("minfo", image, 0, "::").EnsureSuccess().StandardOutput;
        Assert.Contains("hidden sectors: 2048", info, StringComparison.Ordinal);
        Assert.Contains($"disk type=\"{(type == FatType.Fat16 ? "FAT16" : "FAT32")}   \"", info, StringComparison.Ordinal);
        Assert.Contains("disk label=\"COREOS     \"", info, StringComparison.Ordinal);
        Assert.Contains($"cluster size: {layout.ClusterSize / 512} sectors", info, StringComparison.Ordinal);
        Assert.Equal(type, layout.Type);
        Assert.Contains("Volume in drive : is COREOS", Oracles.Mtools("mdir", image, 0, "::/").EnsureSuccess().StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedPartitionIsFat16WithFullSizeClustersAndNoneTooMany()
    {
        // The seed's fdisk "+2048M" partition: 4194304 sectors. FAT16 allows 65524 clusters of at most 32 KiB.
        var layout = new FatBuilder(new FatFormatOptions { Size = 2048L << 20 }).Plan();
        Assert.Equal(FatType.Fat16, layout.Type);
        Assert.Equal(32 * 1024, layout.ClusterSize);
        Assert.Equal(65524, layout.BootSector.ClusterCount);
        Assert.Equal(0, layout.BootSector.FirstDataSector % 64); // clusters aligned to their size
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void AttributesAndLabelAreWhatMtoolsShows()
    {
        var image = Path.Combine(_dir, "attr.img");
        var builder = new FatBuilder(new FatFormatOptions { Size = 16L << 20, VolumeLabel = "config-2" });
        builder.AddFile("ldlinux.sys", new byte[5000], FatAttributes.ReadOnly | FatAttributes.Hidden | FatAttributes.System);
        builder.AddFile("openstack/latest/user_data", "#cloud-config\n"u8.ToArray());
        builder.Plan().WriteTo(image);

        Oracles.AssertClean(image);
        var attributes = Oracles.Mtools("mattrib", image, 0, "::/ldlinux.sys").EnsureSuccess().StandardOutput;
        Assert.Contains("A  SHR     ::/ldlinux.sys", attributes, StringComparison.Ordinal);
        var info = Oracles.Mtools("minfo", image, 0, "::").EnsureSuccess().StandardOutput;
        Assert.Contains("disk label=\"config-2   \"", info, StringComparison.Ordinal);
        Assert.Contains("Volume in drive : is config-2", Oracles.Mtools("mdir", image, 0, "::/").EnsureSuccess().StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void VolumeInsideADiskImageIsReadAtItsOffset()
    {
        var disk = Path.Combine(_dir, "disk.img");
        var files = SampleTree.Stock().Take(5).ToList();
        var builder = new FatBuilder(new FatFormatOptions { Size = 40L << 20, Type = FatType.Fat32, HiddenSectors = 2048 });
        SampleTree.AddTo(builder, files);
        using (var stream = File.Create(disk))
        {
            builder.Plan().WriteTo(stream, offset: 1 << 20);
        }

        Assert.Equal((41L << 20), new FileInfo(disk).Length);
        SampleTree.AssertMtoolsReadsBack(disk, 1 << 20, files);
    }

    [Fact]
    public void SameInputGivesSameBytes()
    {
        byte[] Build()
        {
            var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20, VolumeLabel = "SAME", Timestamp = new DateTime(2015, 6, 1, 12, 0, 0, DateTimeKind.Utc) });
            SampleTree.AddTo(builder, SampleTree.Stock().Skip(2));
            using var memory = new MemoryStream();
            builder.Plan().WriteTo(memory);
            return memory.ToArray();
        }

        Assert.Equal(Build(), Build());
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void TimestampIsWhatMdirShows()
    {
        var image = Path.Combine(_dir, "time.img");
        var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20, Timestamp = new DateTime(2016, 3, 14, 15, 9, 26, DateTimeKind.Utc) });
        builder.AddFile("pi.txt", "3.14159"u8.ToArray());
        builder.Plan().WriteTo(image);
        var listing = Oracles.Mtools("mdir", image, 0, "::/").EnsureSuccess().StandardOutput;
        Assert.Contains("pi       txt         7 2016-03-14  15:09", listing, StringComparison.Ordinal);
    }
}
