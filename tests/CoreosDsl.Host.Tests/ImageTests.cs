using CoreosDsl.Fat.Tests;
using CoreosDsl.Images;
using CoreosDsl.Images.Tests;
using CoreosDsl.Iso9660;
using CoreosDsl.Tests.Shared;
using Fleet;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>image iso</c> and <c>image usb</c> on the stand-in stock ISO, checked with xorriso, isoinfo, sfdisk, fsck.fat
/// and mtools, and booted under QEMU (three boots in all).
/// </summary>
[Trait("Category", "Oracle")]
public class ImageTests
{
    private readonly StockImage stock = StockImage.Instance;
    private readonly string folder = TestPaths.NewScratchDirectory("image");

    [Fact]
    public void TheRemasteredIsoBootsTheSeedWorkerWithItsConfigUrl()
    {
        var result = Cli.Run(Cli.LocalWorkers, folder, "image", "iso", "--stock", stock.IsoPath, "--out", "seed.iso");
        Assert.True(result.ExitCode == 0, result.Output);
        var iso = Path.Combine(folder, "seed.iso");
        Assert.Contains($"local-worker: wrote {iso}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("isolinux/isolinux.cfg: APPEND initrd=/coreos/cpio.gz coreos.autologin cloud-config-url=http://config.example.com/cloud-config.yml",
            result.StandardOutput, StringComparison.Ordinal);

        // Boot setup kept: El Torito with the boot info table, isohybrid MBR, the stock volume label.
        var report = ExternalTool.Run("xorriso", ["-indev", iso, "-report_el_torito", "plain"]).EnsureSuccess().Output;
        Assert.Contains("El Torito img path :   1  /isolinux/isolinux.bin", report, StringComparison.Ordinal);
        Assert.Contains("El Torito img opts :   1  boot-info-table isohybrid-suitable", report, StringComparison.Ordinal);
        Assert.Contains("Volume id: COREOS", ExternalTool.Run("isoinfo", ["-d", "-i", iso]).EnsureSuccess().Output, StringComparison.Ordinal);

        // Every stock file byte for byte, and the one rewritten file.
        var extracted = Path.Combine(folder, "extracted");
        ExternalTool.Run("xorriso", ["-osirrox", "on", "-indev", iso, "-extract", "/", extracted]).EnsureSuccess();
        foreach (var file in Directory.GetFiles(stock.TreePath, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(stock.TreePath, file);
            var expected = File.ReadAllBytes(file);
            var actual = File.ReadAllBytes(Path.Combine(extracted, relative));
            if (relative == Path.Combine("isolinux", "isolinux.bin"))
            {
                // isolinux.bin carries the boot info table (bytes 8 to 63), patched with this image's LBAs.
                Assert.True(expected.AsSpan(64).SequenceEqual(actual.AsSpan(64)) && expected.AsSpan(0, 8).SequenceEqual(actual.AsSpan(0, 8)), relative);
            }
            else if (relative != Path.Combine("isolinux", "isolinux.cfg"))
            {
                Assert.True(expected.AsSpan().SequenceEqual(actual), relative);
            }
        }

        Assert.Equal(
            "SERIAL 0 115200\nDEFAULT coreos\nPROMPT 0\nTIMEOUT 0\nLABEL coreos\n  KERNEL /coreos/vmlinuz\n" +
            "  APPEND initrd=/coreos/cpio.gz coreos.autologin cloud-config-url=http://config.example.com/cloud-config.yml\n",
            File.ReadAllText(Path.Combine(extracted, "isolinux", "isolinux.cfg")));

        // Same input, same bytes.
        Assert.Equal(0, Cli.Run(Cli.LocalWorkers, folder, "image", "iso", "--stock", stock.IsoPath, "--out", "again.iso").ExitCode);
        Assert.True(File.ReadAllBytes(iso).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, "again.iso"))), "two builds differ");

        var boot = QemuBoot.Cdrom(iso);
        Assert.True(boot.Completed, boot.Serial);
        Assert.Contains("cloud-config-url=http://config.example.com/cloud-config.yml", boot.CommandLine, StringComparison.Ordinal);
        Assert.Contains("BOOTLAB-CLOUD-CONFIG-URL: http://config.example.com/cloud-config.yml", boot.Markers);
    }

    [Fact]
    public void ConfigUrlReplacesTheWorkersAndTheRemasteredIsoBootsAsAHardDisk()
    {
        const string url = "http://10.0.2.2:8080/local-worker/cloud-config.yml";
        var result = Cli.Run(Cli.LocalWorkers, folder, "image", "iso", "--stock", stock.IsoPath, "--config-url", url, "--out", "hd.iso");
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"isolinux/isolinux.cfg: APPEND initrd=/coreos/cpio.gz coreos.autologin cloud-config-url={url}\n", result.StandardOutput, StringComparison.Ordinal);

        // The isohybrid MBR comes from the stock image's system area: the remastered file boots from a disk too.
        var boot = QemuBoot.HardDisk(Path.Combine(folder, "hd.iso"));
        Assert.True(boot.Completed, boot.Serial);
        Assert.Contains(boot.Markers, m => m.StartsWith("BOOTLAB-MEDIUM-FOUND dev=/dev/sda", StringComparison.Ordinal));
        Assert.Contains($"BOOTLAB-CLOUD-CONFIG-URL: {url}", boot.Markers);

        result = Cli.Run(Cli.LocalWorkers, folder, "image", "usb", "--stock", stock.IsoPath, "--config-url", url, "--size", "64M", "--out", "url.img");
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"  append initrd=/coreos/cpio.gz coreos.autologin cloud-config-url={url}\n",
            Oracles.Mtools("mtype", Path.Combine(folder, "url.img"), 1 << 20, "::/syslinux/syslinux.cfg").EnsureSuccess().StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIsoWithAConfigDriveCarriesTheWorkersCloudConfig()
    {
        var result = Cli.Run(Cli.Fleet, folder, "image", "iso", "--stock", stock.IsoPath, "--worker", "worker-1", "--config-drive", "--out", "w1.iso");
        Assert.True(result.ExitCode == 0, result.Output);
        var drive = Path.Combine(folder, "w1.config-2.iso");
        Assert.Contains($"config drive: {drive}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Volume id: config-2", ExternalTool.Run("isoinfo", ["-d", "-i", drive]).EnsureSuccess().Output, StringComparison.Ordinal);

        var boot = QemuBoot.Boot(["-cdrom", Path.Combine(folder, "w1.iso"), "-drive", $"file={drive},format=raw,media=cdrom,if=ide,index=3"]);
        Assert.True(boot.Completed, boot.Serial);
        Assert.Contains("coreos.configdrive=1", boot.CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain("cloud-config-url=", boot.CommandLine, StringComparison.Ordinal);
        Assert.Equal(FleetWorkers.All()[0].ToYaml(), boot.Block("USERDATA"));
    }

    [Fact]
    public void TheUsbImageWithAConfigDriveBootsAndShowsTheEmittedCloudConfig()
    {
        var result = Cli.Run(Cli.Fleet, folder, "image", "usb", "--stock", stock.IsoPath, "--worker", "worker-2", "--config-drive", "--size", "64M", "--out", "w2.img");
        Assert.True(result.ExitCode == 0, result.Output);
        var image = Path.Combine(folder, "w2.img");
        var worker = FleetWorkers.All()[1];

        var table = DiskOracles.SfdiskDump(image);
        Assert.Contains("w2.img1 : start=        2048, size=      131072, type=6, bootable", table, StringComparison.Ordinal);
        Assert.Contains("w2.img2 : start=      133120, size=       16384, type=6", table, StringComparison.Ordinal);
        Oracles.AssertClean(DiskOracles.ExtractPartition(image, 1 << 20, 64L << 20, Path.Combine(folder, "boot.part")));
        Oracles.AssertClean(DiskOracles.ExtractPartition(image, 133120L * 512, 8L << 20, Path.Combine(folder, "config.part")));

        var expectedConfig = worker.WithBoot(b => b with { ConfigDrive = true, ConfigUrl = null }).ToSyslinuxConfig();
        Assert.Equal(expectedConfig, Oracles.Mtools("mtype", image, 1 << 20, "::/syslinux/syslinux.cfg").EnsureSuccess().StandardOutput);
        Assert.Equal(worker.ToYaml(), Oracles.Mtools("mtype", image, 133120L * 512, "::/openstack/latest/user_data").EnsureSuccess().StandardOutput);
        var kernel = Path.Combine(folder, "vmlinuz");
        Oracles.Mtools("mcopy", image, 1 << 20, "::/coreos/vmlinuz", kernel).EnsureSuccess();
        Assert.True(File.ReadAllBytes(kernel).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(stock.TreePath, "coreos", "vmlinuz"))));
        Assert.Contains("ldlinux  sys", Oracles.Mtools("mdir", image, 1 << 20, "-a", "::/").EnsureSuccess().StandardOutput, StringComparison.OrdinalIgnoreCase);

        var boot = QemuBoot.HardDisk(image);
        Assert.True(boot.Completed, boot.Serial);
        Assert.Contains("coreos.configdrive=1", boot.CommandLine, StringComparison.Ordinal);
        Assert.Equal(worker.ToYaml(), boot.Block("USERDATA"));
    }

    [Fact]
    public void WithoutAnySyslinuxTheUsbImageNamesThePackageAndTheOption()
    {
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty-path")).FullName;
        var result = Cli.Run(Cli.LocalWorkers, folder, new Dictionary<string, string> { ["PATH"] = empty },
            "image", "usb", "--stock", stock.IsoPath, "--out", "none.img");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: no syslinux to install on the USB image: install the host's ('apt-get install syslinux mtools'), " +
            "or give a syslinux build for the managed installer with --syslinux DIR (ldlinux.bss, ldlinux.sys and ldlinux.c32 of one version)\n",
            result.StandardError);
        Assert.False(File.Exists(Path.Combine(folder, "none.img")));
    }

    [Fact]
    public void AFileThatIsNotAnIsoIsRejectedClearly()
    {
        File.WriteAllText(Path.Combine(folder, "notes.iso"), "not an image");
        var result = Cli.Run(Cli.Fleet, folder, "image", "usb", "--stock", "notes.iso", "--worker", "worker-1");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: notes.iso is not a readable ISO 9660 image (", result.StandardError, StringComparison.Ordinal);
        Assert.EndsWith("): is this a CoreOS/Flatcar ISO?\n", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")) && Directory.EnumerateFiles(Path.Combine(folder, "out")).Any());

        result = Cli.Run(Cli.Fleet, folder, "image", "iso", "--stock", "missing.iso", "--worker", "worker-1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No stock image at missing.iso", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIsoThatDoesNotBootWithIsolinuxIsRejectedClearly()
    {
        var plain = Path.Combine(folder, "plain.iso");
        new IsoBuilder().AddFile("README", IsoFileSource.FromText("hello")).WriteToFile(plain);
        var worker = FleetWorkers.All()[0];
        var e = Assert.Throws<InvalidDataException>(() => WorkerImages.CreateIso(worker, plain, Path.Combine(folder, "a.iso")));
        Assert.Equal($"{plain} has no El Torito boot catalog, so it does not boot from CD: is this a CoreOS/Flatcar ISO?", e.Message);

        var noConfig = Remaster("nocfg.iso", b => b.Remove("isolinux/isolinux.cfg"));
        var result = Cli.Run(Cli.Fleet, folder, "image", "iso", "--stock", noConfig, "--worker", "worker-1");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: no isolinux/isolinux.cfg in {noConfig} (looked next to isolinux/isolinux.bin and in isolinux/, syslinux/, boot/ and /): is this a CoreOS/Flatcar ISO?\n",
            result.StandardError);

        var flatcar = Remaster("flatcar.iso", b =>
        {
            b.Remove("coreos");
            b.AddFile("flatcar/vmlinuz", IsoFileSource.FromFile(Path.Combine(stock.TreePath, "coreos", "vmlinuz")));
        });
        e = Assert.Throws<InvalidDataException>(() => WorkerImages.CreateUsb(worker, flatcar, Path.Combine(folder, "b.img")));
        Assert.StartsWith($"the worker boots the kernel /coreos/vmlinuz, but {flatcar} has no such file; its isolinux/isolinux.cfg has \"KERNEL /coreos/vmlinuz\"", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "b.img")));
    }

    [Fact]
    public void WithoutAConfigSourceTheImageWarns()
    {
        var worker = Worker.Define("bare", w => w.Hostname("bare"));
        var result = WorkerImages.CreateIso(worker, stock.IsoPath, Path.Combine(folder, "bare.iso"));
        Assert.Contains("names no cloud-config source", Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.Null(result.ConfigDrivePath);
    }

    private string Remaster(string name, Action<IsoBuilder> change)
    {
        using var image = IsoReader.Open(stock.IsoPath);
        var builder = IsoBuilder.FromImage(image);
        change(builder);
        var path = Path.Combine(folder, name);
        builder.WriteToFile(path);
        return path;
    }
}
