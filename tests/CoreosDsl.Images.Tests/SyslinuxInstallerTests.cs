using CoreosDsl.Fat;
using CoreosDsl.Fat.Tests;
using CoreosDsl.Images.Syslinux;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Images.Tests;

/// <summary>The managed syslinux installer writes what syslinux's own installer writes, given the same sectors.</summary>
[Trait("Category", "Oracle")]
public sealed class SyslinuxInstallerTests(SyslinuxFiles syslinux) : IClassFixture<SyslinuxFiles>, IDisposable
{
    private readonly string _dir = TestPaths.NewScratchDirectory("syslinux");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CarvedDistributionIsDebiansBuild()
    {
        Assert.Equal("6.04", syslinux.Distribution.Version);
        Assert.Equal(0, syslinux.Distribution.Loader.Length % 512);
        Assert.True(syslinux.Distribution.ExtendedPatchArea.ExtentCapacity > 2);
    }

    [Theory]
    [InlineData(FatType.Fat16, 64)]
    [InlineData(FatType.Fat32, 64)]
    public void PatchIsByteIdenticalToSyslinuxInstall(FatType type, int mebibytes)
    {
        // A volume of ours, then the host's syslinux on it, as the seed does.
        var image = Path.Combine(_dir, "host.img");
        var builder = new FatBuilder(new FatFormatOptions { Size = (long)mebibytes << 20, Type = type, HiddenSectors = 2048, VolumeLabel = "COREOS" });
        builder.AddFile("coreos/vmlinuz", new byte[300_000]);
        var layout = builder.Plan();
        layout.WriteTo(image);
        HostSyslinux.Install(image, 0);

        // What syslinux wrote, and where it put ldlinux.sys.
        using var fs = FatFileSystem.Open(image);
        var loaderEntry = fs.GetEntry("ldlinux.sys");
        var installedLoader = fs.ReadAllBytes("ldlinux.sys");
        var sectors = fs.GetSectors(loaderEntry);
        var installedBoot = new byte[512];
        using (var f = File.OpenRead(image))
        {
            f.ReadExactly(installedBoot);
        }

        // Ours, for the same sectors.
        var (loader, template) = SyslinuxInstaller.Patch(syslinux.Distribution, sectors);
        var boot = layout.BootSector.ToBytes();
        SyslinuxInstaller.MergeBootSector(boot, template);
        Assert.Equal(installedLoader.Length, loader.Length);
        Assert.True(installedLoader.AsSpan().SequenceEqual(loader), $"ldlinux.sys differs at byte {installedLoader.AsSpan().CommonPrefixLength(loader)}");
        Assert.Equal(installedBoot, boot);
        Assert.Equal(syslinux.Distribution.Module.ToArray(), fs.ReadAllBytes("ldlinux.c32")); // carved c32 is the one syslinux installs
    }

    [Fact]
    public void ManagedInstallGivesACleanVolumeWithSyslinuxFilesAndBootCode()
    {
        var image = Path.Combine(_dir, "managed.img");
        var builder = new FatBuilder(new FatFormatOptions { Size = 64L << 20, Type = FatType.Fat32, HiddenSectors = 2048 });
        var installer = new SyslinuxInstaller(syslinux.Distribution);
        installer.Prepare(builder);
        var layout = builder.Plan();
        using (var stream = File.Create(image))
        {
            layout.WriteTo(stream);
            installer.Install(stream, 0, layout);
        }

        Oracles.AssertClean(image); // the FAT32 backup boot sector was updated too, or fsck would complain
        var attributes = Oracles.Mtools("mattrib", image, 0, "::/ldlinux.sys", "::/ldlinux.c32").EnsureSuccess().StandardOutput;
        Assert.Contains("A  SHR     ::/ldlinux.sys", attributes, StringComparison.Ordinal);
        Assert.Contains("A  SHR     ::/ldlinux.c32", attributes, StringComparison.Ordinal);
        var info = Oracles.Mtools("minfo", image, 0, "::").EnsureSuccess().StandardOutput;
        Assert.Contains("banner:\"SYSLINUX\"", info, StringComparison.Ordinal);
        Assert.Contains("hidden sectors: 2048", info, StringComparison.Ordinal);

        using var fs = FatFileSystem.Open(image);
        var loader = fs.ReadAllBytes("ldlinux.sys");
        Assert.True(SyslinuxAdv.IsValid(loader.AsSpan(loader.Length - 1024, 512)));
        Assert.True(SyslinuxAdv.IsValid(loader.AsSpan(loader.Length - 512, 512)));
    }

    [Fact]
    public void PatchAreaAndExtentsRoundTrip()
    {
        var loader = syslinux.Distribution.Loader.ToArray();
        var area = SyslinuxPatchArea.Find(loader, "test");
        var extended = SyslinuxExtendedPatchArea.Parse(loader, area.ExtendedOffset, "test");
        var copy = new byte[loader.Length];
        area.WriteTo(copy);
        extended.WriteTo(copy);
        Assert.Equal(area, SyslinuxPatchArea.Parse(copy, area.Offset));
        Assert.Equal(extended, SyslinuxExtendedPatchArea.Parse(copy, area.ExtendedOffset, "test"));

        var extent = new SyslinuxExtent(0x1_0000_0002, 127);
        var bytes = new byte[SyslinuxExtent.Size];
        extent.WriteTo(bytes);
        Assert.Equal(extent, SyslinuxExtent.Parse(bytes));
    }

    [Fact]
    public void ExtentsSplitAtGapsAndAt127Sectors()
    {
        var sectors = Enumerable.Range(1000, 200).Select(i => (long)i).Concat([5000, 5001]).ToList();
        Assert.Equal(
            [new SyslinuxExtent(1000, 127), new SyslinuxExtent(1127, 73), new SyslinuxExtent(5000, 2)],
            SyslinuxExtent.FromSectors(sectors));
    }

    [Fact]
    public void NotALoaderIsRejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => SyslinuxDistribution.FromBytes(syslinux.Distribution.BootSector, new byte[4096], syslinux.Distribution.Module));
        Assert.Contains("no syslinux patch area", error.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<FileNotFoundException>(() => SyslinuxDistribution.FromDirectory(_dir));
        Assert.Contains("ldlinux.bss, ldlinux.sys, ldlinux.c32", missing.Message, StringComparison.Ordinal);
    }
}
