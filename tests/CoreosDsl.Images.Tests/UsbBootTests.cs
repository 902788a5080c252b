using System.Text;
using CoreosDsl.Fat;
using CoreosDsl.Images.Usb;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Images.Tests;

/// <summary>
/// The end-to-end proof: USB images built from the stand-in stock tree boot under QEMU (BIOS → mbr.bin →
/// ldlinux.bss → ldlinux.sys → syslinux.cfg → kernel + initramfs), and the initramfs's /init finds the medium,
/// the cloud-config URL on the kernel command line, and the config drive. Each boot takes 7-15 s (TCG).
/// </summary>
[Trait("Category", "Oracle")]
public sealed class UsbBootTests(SyslinuxFiles syslinux) : IClassFixture<SyslinuxFiles>, IDisposable
{
    private const string Url = "http://example.com/cloud-config.yml";

    // The seed's syslinux.cfg, with the serial console the boot lab reads.
    private const string SeedConfig =
        "SERIAL 0 115200\nDEFAULT coreos\nPROMPT 0\nTIMEOUT 0\nLABEL coreos\n  KERNEL /coreos/vmlinuz\n" +
        $"  APPEND initrd=/coreos/cpio.gz console=ttyS0 cloud-config-url={Url}\n";

    private readonly string _dir = TestPaths.NewScratchDirectory("usb-boot");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void BootsWithTheHostSyslinux()
    {
        var image = Build(SyslinuxInstallMode.Host, fatType: null, userData: null);
        var log = QemuBoot.HardDisk(image);
        AssertBooted(log);
        Assert.Contains("BOOTLAB-CONFIGDRIVE-NOT-FOUND", log.Markers);
    }

    [Fact]
    public void BootsWithTheManagedSyslinuxAndReadsTheConfigDrive()
    {
        var userData = "#cloud-config\nhostname: usb-config-drive\nssh_authorized_keys:\n  - ssh-ed25519 AAAAC3Nza test@example\n";
        var image = Build(SyslinuxInstallMode.Managed, fatType: null, userData: userData);
        var log = QemuBoot.HardDisk(image);
        AssertBooted(log);
        Assert.Contains(log.Markers, m => m.StartsWith("BOOTLAB-CONFIGDRIVE-FOUND dev=/dev/sda2 fs=vfat", StringComparison.Ordinal));
        Assert.Contains(log.Markers, m => m.StartsWith("BOOTLAB-CONFIGDRIVE-LABEL dev=/dev/sda2", StringComparison.Ordinal));
        Assert.Equal(userData, log.Block("USERDATA"));
    }

    [Fact]
    public void BootsFromFat32WithTheManagedSyslinux()
    {
        var image = Build(SyslinuxInstallMode.Managed, FatType.Fat32, userData: null, partitionSize: 600L << 20);
        AssertBooted(QemuBoot.HardDisk(image));
    }

    private string Build(SyslinuxInstallMode mode, FatType? fatType, string? userData, long partitionSize = UsbImageOptions.DefaultPartitionSize)
    {
        var image = Path.Combine(_dir, $"usb-{mode}-{fatType}.img");
        var result = UsbImage.Create(image, UsbImageFile.FromDirectory(StockImage.Instance.TreePath), new UsbImageOptions
        {
            SyslinuxConfig = SeedConfig,
            Syslinux = mode,
            SyslinuxDistribution = mode == SyslinuxInstallMode.Managed ? syslinux.Distribution : null,
            FatType = fatType,
            PartitionSize = partitionSize,
            ConfigDriveUserData = userData is null ? null : Encoding.UTF8.GetBytes(userData),
        });
        Assert.Equal(fatType ?? FatType.Fat16, result.BootPartition.Type);
        return image;
    }

    private static void AssertBooted(BootLog log)
    {
        Assert.True(log.Completed, $"/init did not finish; serial console:\n{log.Serial}");
        Assert.Contains(log.Markers, m => m.StartsWith("BOOTLAB-MEDIUM-FOUND dev=/dev/sda1 fs=vfat", StringComparison.Ordinal));
        Assert.Contains($"BOOTLAB-CLOUD-CONFIG-URL: {Url}", log.Markers);
    }
}
