using System.Text;
using CoreosDsl.Fat;
using CoreosDsl.Fat.Tests;
using CoreosDsl.Images.Syslinux;
using CoreosDsl.Images.Usb;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Images.Tests;

/// <summary>Whole USB images, checked by sfdisk, fsck.fat and mtools.</summary>
[Trait("Category", "Oracle")]
public sealed class UsbImageTests(SyslinuxFiles syslinux) : IClassFixture<SyslinuxFiles>, IDisposable
{
    private const long PartitionOffset = 1 << 20;
    private const string Config = "SERIAL 0 115200\nDEFAULT coreos\nPROMPT 0\nTIMEOUT 0\nLABEL coreos\n  KERNEL /coreos/vmlinuz\n  APPEND initrd=/coreos/cpio.gz console=ttyS0\n";

    private readonly string _dir = TestPaths.NewScratchDirectory("usb");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Dictionary<string, byte[]> Tree = new()
    {
        ["coreos/vmlinuz"] = Bytes(2_500_000, 1),
        ["coreos/cpio.gz"] = Bytes(1_700_000, 2),
        ["EFI/BOOT/BOOTX64.EFI"] = Bytes(900_000, 3),
        ["EFI/BOOT/grub.cfg"] = "set timeout=0\n"u8.ToArray(),
        ["isolinux/isolinux.cfg"] = "DEFAULT coreos\n"u8.ToArray(),
        ["cloud-config.yml"] = "#cloud-config\nhostname: usb\n"u8.ToArray(),
    };

    [Theory]
    [InlineData(SyslinuxInstallMode.Managed)]
    [InlineData(SyslinuxInstallMode.Host)]
    public void ImageHasTheSeedsLayoutAndEveryFile(SyslinuxInstallMode mode)
    {
        var image = Path.Combine(_dir, "usb.img");
        var userData = "#cloud-config\nhostname: from-config-drive\n"u8.ToArray();
        var result = UsbImage.Create(image, Files(), new UsbImageOptions
        {
            SyslinuxConfig = Config,
            Syslinux = mode,
            SyslinuxDistribution = mode == SyslinuxInstallMode.Managed ? syslinux.Distribution : null,
            ConfigDriveUserData = userData,
        });

        Assert.Equal(mode, result.Syslinux);
        Assert.Equal(FatType.Fat16, result.BootPartition.Type);
        Assert.Equal((1L << 20) + (2048L << 20) + (8L << 20), new FileInfo(image).Length);

        // sfdisk: partition 1 at 2048, the seed's 2048 MiB, FAT16, bootable; partition 2 the config drive.
        var dump = DiskOracles.SfdiskDump(image);
        Assert.Contains("usb.img1 : start=        2048, size=     4194304, type=6, bootable", dump, StringComparison.Ordinal);
        Assert.Contains("usb.img2 : start=     4196352, size=       16384, type=6", dump, StringComparison.Ordinal);

        // The MBR code is syslinux's mbr.bin, as the seed's dd puts it.
        var head = new byte[440];
        using (var f = File.OpenRead(image))
        {
            f.ReadExactly(head);
        }

        Assert.Equal(File.ReadAllBytes("/usr/lib/syslinux/mbr/mbr.bin")[..440], head);

        // fsck.fat on each partition, mtools reading every file at the partition's offset.
        Oracles.AssertClean(DiskOracles.ExtractPartition(image, PartitionOffset, 2048L << 20, Path.Combine(_dir, "p1.img")));
        Oracles.AssertClean(DiskOracles.ExtractPartition(image, 4_196_352L * 512, 8L << 20, Path.Combine(_dir, "p2.img")));
        foreach (var (path, content) in Tree.Append(new("syslinux/syslinux.cfg", Encoding.UTF8.GetBytes(Config))))
        {
            var copy = Path.Combine(_dir, "copy");
            Oracles.Mtools("mcopy", image, PartitionOffset, "-n", "::/" + path, copy).EnsureSuccess();
            Assert.Equal(content, File.ReadAllBytes(copy));
            File.Delete(copy);
        }

        var listing = Oracles.Mtools("mdir", image, PartitionOffset, "-a", "-/", "::/").EnsureSuccess().StandardOutput;
        Assert.Contains("ldlinux  sys", listing, StringComparison.Ordinal);
        Assert.Contains("ldlinux  c32", listing, StringComparison.Ordinal);
        Assert.Contains("BOOTX64  EFI", listing, StringComparison.Ordinal);
        Assert.Contains("A  SHR     ::/ldlinux.sys", Oracles.Mtools("mattrib", image, PartitionOffset, "::/ldlinux.sys").EnsureSuccess().StandardOutput, StringComparison.Ordinal);
        var info = Oracles.Mtools("minfo", image, PartitionOffset, "::").EnsureSuccess().StandardOutput;
        Assert.Contains("hidden sectors: 2048", info, StringComparison.Ordinal);
        Assert.Contains("banner:\"SYSLINUX\"", info, StringComparison.Ordinal);
        Assert.Contains("disk type=\"FAT16   \"", info, StringComparison.Ordinal);

        // The config drive: label config-2 and the user data.
        Assert.Contains("disk label=\"config-2   \"", Oracles.Mtools("minfo", image, 4_196_352L * 512, "::").EnsureSuccess().StandardOutput, StringComparison.Ordinal);
        using var config = FatFileSystem.Open(image, 4_196_352L * 512);
        Assert.Equal("config-2", config.VolumeLabel);
        Assert.Equal(userData, config.ReadAllBytes("openstack/latest/user_data"));
    }

    [Fact]
    public void SameInputGivesTheSameImage()
    {
        string Build(string name)
        {
            var path = Path.Combine(_dir, name);
            UsbImage.Create(path, Files(), new UsbImageOptions
            {
                SyslinuxConfig = Config, SyslinuxDistribution = syslinux.Distribution, PartitionSize = 64L << 20,
                Timestamp = new DateTime(2017, 1, 2, 3, 4, 6, DateTimeKind.Utc),
            });
            return path;
        }

        Assert.Equal(File.ReadAllBytes(Build("a.img")), File.ReadAllBytes(Build("b.img")));
    }

    [Theory]
    [InlineData(SyslinuxInstallMode.Managed)]
    [InlineData(SyslinuxInstallMode.Host)]
    public void LargerPartitionIsFat32WithTypeC(SyslinuxInstallMode mode)
    {
        var image = Path.Combine(_dir, "big.img");
        var result = UsbImage.Create(image, Files(), new UsbImageOptions
        {
            SyslinuxConfig = Config, Syslinux = mode, SyslinuxDistribution = mode == SyslinuxInstallMode.Managed ? syslinux.Distribution : null,
            PartitionSize = 3L << 30,
        });
        Assert.Equal(FatType.Fat32, result.BootPartition.Type);
        Assert.Contains("big.img1 : start=        2048, size=     6291456, type=c, bootable", DiskOracles.SfdiskDump(image), StringComparison.Ordinal);
        Oracles.AssertClean(DiskOracles.ExtractPartition(image, PartitionOffset, 3L << 30, Path.Combine(_dir, "p1.img")));
    }

    [Fact]
    public void ProgressCountsUpToTheTotal()
    {
        var reports = new List<ImageProgress>();
        UsbImage.Create(Path.Combine(_dir, "progress.img"), Files(), new UsbImageOptions
        {
            SyslinuxConfig = Config, SyslinuxDistribution = syslinux.Distribution, PartitionSize = 64L << 20, ConfigDriveUserData = [1, 2, 3],
        }, new Relay(reports.Add));
        Assert.NotEmpty(reports);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesDone <= p.Second.BytesDone));
        Assert.Equal(reports[^1].TotalBytes, reports[^1].BytesDone);
        Assert.Contains(reports, r => r.Step == "syslinux");
        Assert.Contains(reports, r => r.Step == "config drive");
    }

    [Fact]
    public void ContentTooLargeForThePartitionLeavesNoFileAndNamesASize()
    {
        var image = Path.Combine(_dir, "full.img");
        var error = Assert.Throws<FatCapacityException>(() => UsbImage.Create(image,
            [new UsbImageFile("big.bin", 100L << 20, () => Stream.Null)],
            new UsbImageOptions { SyslinuxConfig = Config, SyslinuxDistribution = syslinux.Distribution, PartitionSize = 64L << 20 }));
        Assert.NotNull(error.SuggestedSize);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void CancelledOrFailedBuildLeavesNoFile()
    {
        var image = Path.Combine(_dir, "cancel.img");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => UsbImage.Create(image, Files(),
            new UsbImageOptions { SyslinuxConfig = Config, SyslinuxDistribution = syslinux.Distribution, PartitionSize = 64L << 20 }, cancellationToken: cancelled.Token));
        Assert.Throws<InvalidDataException>(() => UsbImage.Create(image, [new UsbImageFile("short.bin", 10, () => new MemoryStream(new byte[5]))],
            new UsbImageOptions { SyslinuxConfig = Config, SyslinuxDistribution = syslinux.Distribution, PartitionSize = 64L << 20 }));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void ConflictingInputIsRejected()
    {
        var options = new UsbImageOptions { SyslinuxConfig = Config, SyslinuxDistribution = syslinux.Distribution, PartitionSize = 64L << 20 };
        Assert.Contains("SyslinuxConfig", Assert.Throws<ArgumentException>(() =>
            UsbImage.Create(Path.Combine(_dir, "x.img"), [UsbImageFile.FromBytes("syslinux/syslinux.cfg", [1])], options)).Message, StringComparison.Ordinal);
        Assert.Contains("LDLINUX.C32", Assert.Throws<ArgumentException>(() =>
            UsbImage.Create(Path.Combine(_dir, "x.img"), [UsbImageFile.FromBytes("LDLINUX.C32", [1])], options)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => UsbImage.Create(Path.Combine(_dir, "x.img"), Files(),
            new UsbImageOptions { SyslinuxConfig = Config, Syslinux = SyslinuxInstallMode.Managed }));
    }

    [Fact]
    public void FromDirectoryTakesEveryFileInPathOrder()
    {
        var tree = Path.Combine(_dir, "tree");
        foreach (var (path, content) in Tree)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(tree, path))!);
            File.WriteAllBytes(Path.Combine(tree, path), content);
        }

        var files = UsbImageFile.FromDirectory(tree);
        Assert.Equal(Tree.Keys.Order(StringComparer.Ordinal), files.Select(f => f.Path));
        Assert.All(files, f => Assert.Equal(Tree[f.Path].Length, f.Length));
        using var stream = files.Single(f => f.Path == "cloud-config.yml").Open();
        Assert.Equal(Tree["cloud-config.yml"], new BinaryReader(stream).ReadBytes(1000));
    }

    [Fact]
    public void ConfigDriveImageOfItsOwnIsACleanVolumeLabelledConfig2()
    {
        var image = Path.Combine(_dir, "config-2.img");
        var userData = "#cloud-config\nhostname: standalone\n"u8.ToArray();
        ConfigDrive.CreateFatImage(image, userData);
        Oracles.AssertClean(image);
        Assert.Contains("disk label=\"config-2   \"", Oracles.Mtools("minfo", image, 0, "::").EnsureSuccess().StandardOutput, StringComparison.Ordinal);
        var copy = Path.Combine(_dir, "user_data");
        Oracles.Mtools("mcopy", image, 0, "::/openstack/latest/user_data", copy).EnsureSuccess();
        Assert.Equal(userData, File.ReadAllBytes(copy));
    }

    private static List<UsbImageFile> Files() => Tree.Select(kv => UsbImageFile.FromBytes(kv.Key, kv.Value)).ToList();

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private sealed class Relay(Action<ImageProgress> report) : IProgress<ImageProgress>
    {
        public void Report(ImageProgress value) => report(value);
    }
}
