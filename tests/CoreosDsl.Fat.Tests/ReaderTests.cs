using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Fat.Tests;

/// <summary>The reader against volumes made by the real tools (mkfs.fat + mcopy), and against malformed ones.</summary>
public sealed class ReaderTests : IDisposable
{
    private readonly string _dir = TestPaths.NewScratchDirectory("fat-reader");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [Trait("Category", "Oracle")]
    [InlineData("12", 4096, FatType.Fat12)]
    [InlineData("16", 65536, FatType.Fat16)]
    [InlineData("32", 65536, FatType.Fat32)]
    public void ReadsWhatMkfsAndMcopyWrote(string fatBits, int kib, FatType expectedType)
    {
        var files = SampleTree.Stock(clusterSize: 2048).Where(f => f.Content.Length < 1_000_000 || kib > 4096).ToList();
        var tree = Path.Combine(_dir, "tree");
        foreach (var file in files)
        {
            var path = Path.Combine(tree, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
        }

        var image = Path.Combine(_dir, "mkfs.img");
        ExternalTool.Run("mkfs.fat", ["-C", "-F", fatBits, "-n", "MKFS", "-h", "63", image, kib.ToString(System.Globalization.CultureInfo.InvariantCulture)]).EnsureSuccess();
        foreach (var top in Directory.GetFileSystemEntries(tree))
        {
            Oracles.Mtools("mcopy", image, 0, "-s", top, "::/").EnsureSuccess();
        }

        Oracles.Mtools("mattrib", image, 0, "+h", "+s", "+r", "::/ldlinux.c32").EnsureSuccess();

        using var fs = FatFileSystem.Open(image);
        Assert.Equal(expectedType, fs.Type);
        Assert.Equal("MKFS", fs.VolumeLabel);
        Assert.Equal(63u, fs.BootSector.HiddenSectors);
        var found = fs.EnumerateAll().Where(e => !e.IsDirectory).ToDictionary(e => e.Path, StringComparer.Ordinal);
        Assert.Equal(files.Select(f => f.Path).Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal(file.Content, fs.ReadAllBytes(file.Path));
        }

        Assert.Equal(FatAttributes.ReadOnly | FatAttributes.Hidden | FatAttributes.System | FatAttributes.Archive, fs.GetEntry("ldlinux.c32").Attributes);
        Assert.Equal("CLOUD-~1.YML", fs.GetEntry("cloud-config.yml").ShortName);
        Assert.Equal("cloud-config.yml", fs.GetEntry("CLOUD-~1.YML").Name); // found by its 8.3 name too
        Assert.Equal("syslinux.cfg", fs.GetEntry("SYSLINUX/SYSLINUX.CFG").Name); // NT lower-case bits applied
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void ReadsAVolumeInsideADiskImage()
    {
        var image = Path.Combine(_dir, "disk.img");
        using (var f = File.Create(image))
        {
            f.SetLength(33L << 20);
        }

        ExternalTool.Run("mkfs.fat", ["-F", "16", "--offset=2048", "-h", "2048", image, "32768"]).EnsureSuccess();
        var source = Path.Combine(_dir, "hello.txt");
        File.WriteAllText(source, "hello from mtools");
        Oracles.Mtools("mcopy", image, 1 << 20, source, "::/Hello World.txt").EnsureSuccess();

        using var fs = FatFileSystem.Open(image, offset: 1 << 20);
        Assert.Equal("hello from mtools"u8.ToArray(), fs.ReadAllBytes("/hello world.TXT"));
        Assert.Equal("Hello World.txt", Assert.Single(fs.ReadDirectory()).Name);
    }

    [Fact]
    public void SectorsOfAWrittenFileAreWhereTheLayoutPutThem()
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 40L << 20, Type = FatType.Fat32 });
        SampleTree.AddTo(builder, SampleTree.Stock());
        builder.ReserveFile("ldlinux.sys", 60_000, FatAttributes.ReadOnly | FatAttributes.Hidden | FatAttributes.System);
        var layout = builder.Plan();
        using var memory = new MemoryStream();
        layout.WriteTo(memory);

        using var fs = FatFileSystem.Open(memory, leaveOpen: true);
        foreach (var path in new[] { "ldlinux.sys", "coreos/vmlinuz", "a/b/c" })
        {
            var extent = layout.Locate(path);
            var sectors = fs.GetSectors(fs.GetEntry(path));
            Assert.Equal(extent.FirstSector, sectors[0]);
            Assert.Equal(Enumerable.Range(0, sectors.Count).Select(i => extent.FirstSector + i), sectors); // contiguous
            Assert.True(sectors.Count <= extent.SectorCount);
        }

        Assert.Equal(60_000, fs.GetEntry("ldlinux.sys").Length);
        Assert.Equal(118, fs.GetSectors(fs.GetEntry("ldlinux.sys")).Count);
    }

    [Fact]
    public void MissingSignatureNamesTheOffset()
    {
        using var memory = WriteSmallVolume(out _);
        memory.Position = 510;
        memory.WriteByte(0);
        var error = Assert.Throws<InvalidDataException>(() => FatFileSystem.Open(memory, leaveOpen: true));
        Assert.Contains("offset 510", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoopingChainIsReportedNotFollowedForever()
    {
        using var memory = WriteSmallVolume(out var layout);
        var extent = layout.Locate("big.bin");
        // Point the file's third cluster back at its first: a loop.
        var entryOffset = (layout.BootSector.ReservedSectors * 512L) + ((extent.FirstCluster + 2) * 2);
        memory.Position = entryOffset;
        memory.Write(BitConverter.GetBytes((ushort)extent.FirstCluster));

        using var fs = FatFileSystem.Open(memory, leaveOpen: true);
        var error = Assert.Throws<InvalidDataException>(() => fs.ReadAllBytes("big.bin"));
        Assert.Contains("loops back to cluster", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => fs.GetClusters(fs.GetEntry("big.bin")));
    }

    [Fact]
    public void ChainEndingEarlyOrPointingOutsideIsReportedWithTheFatOffset()
    {
        using var memory = WriteSmallVolume(out var layout);
        var extent = layout.Locate("big.bin");
        var entryOffset = (layout.BootSector.ReservedSectors * 512L) + ((extent.FirstCluster + 1) * 2);
        memory.Position = entryOffset;
        memory.Write(BitConverter.GetBytes((ushort)0xFFFF)); // end after 2 of 4 clusters

        using (var fs = FatFileSystem.Open(memory, leaveOpen: true))
        {
            var error = Assert.Throws<InvalidDataException>(() => fs.ReadAllBytes("big.bin"));
            Assert.Contains("chain ends after", error.Message, StringComparison.Ordinal);
        }

        memory.Position = entryOffset;
        memory.Write(BitConverter.GetBytes((ushort)0)); // points at a free cluster
        using (var fs = FatFileSystem.Open(memory, leaveOpen: true))
        {
            var error = Assert.Throws<InvalidDataException>(() => fs.ReadAllBytes("big.bin"));
            Assert.Contains($"at offset {entryOffset}", error.Message, StringComparison.Ordinal);
            Assert.Contains("free cluster", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TruncatedImageSaysWhereItEnds()
    {
        using var memory = WriteSmallVolume(out var layout);
        memory.SetLength(layout.Locate("big.bin").ByteOffset + 100);
        using var fs = FatFileSystem.Open(memory, leaveOpen: true);
        var error = Assert.Throws<InvalidDataException>(() => fs.ReadAllBytes("big.bin"));
        Assert.Contains("unexpected end of the image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadLongNameChecksumFallsBackToTheShortName()
    {
        using var memory = WriteSmallVolume(out var layout);
        // The root directory's first entries: the label, then the long-name entry of "A long name.txt".
        var root = layout.BootSector.FirstRootDirectorySector * 512;
        memory.Position = root + 32 + 13; // checksum byte of the first long-name entry
        memory.WriteByte(0x00);
        using var fs = FatFileSystem.Open(memory, leaveOpen: true);
        Assert.Contains(fs.ReadDirectory(), e => e.Name == "ALONGN~1.TXT");
    }

    private static MemoryStream WriteSmallVolume(out FatLayout layout)
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20, VolumeLabel = "SMALL", ClusterSize = 1024 });
        builder.AddFile("A long name.txt", "content"u8.ToArray());
        builder.AddFile("big.bin", SampleTree.Bytes(4000, 42));
        layout = builder.Plan();
        var memory = new MemoryStream();
        layout.WriteTo(memory);
        return memory;
    }
}
