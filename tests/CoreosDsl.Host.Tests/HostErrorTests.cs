using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// Inputs and environments that used to end in a silent wrong result or "internal error, please report it": an
/// image "written" over a device node, an absurd --size, a failing host syslinux, a folder given as an image, and
/// the worker counts in diff's message.
/// </summary>
public class HostErrorTests
{
    private readonly string folder = TestPaths.NewScratchDirectory("host-errors");

    [Fact]
    public void AnImageOverADeviceNodeIsRefusedAndPointsAtFlash()
    {
        var (exit, output, error) = Run(["image", "iso", "--stock", "missing.iso", "--out", "/dev/null", "-w", "worker-1"]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("error: --out /dev/null is a character device, not an image file: write the image to a file, then put it on a USB stick " +
            "with 'flash --image FILE --device /dev/null'\n", error);
        Assert.True(File.Exists("/dev/null") && new FileInfo("/dev/null").Length == 0);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void AnImageOverAFifoIsRefused()
    {
        var fifo = Path.Combine(folder, "pipe");
        ExternalTool.Run("mkfifo", [fifo]).EnsureSuccess();
        var link = Path.Combine(folder, "link.img");
        File.CreateSymbolicLink(link, fifo);
        foreach (var target in new[] { fifo, link })
        {
            var (exit, _, error) = Run(["image", "usb", "--stock", "missing.iso", "--out", target, "--syslinux", folder, "-w", "worker-1"]);
            Assert.Equal(2, exit);
            Assert.StartsWith($"error: --out {target} is a FIFO, not an image file", error, StringComparison.Ordinal);
        }

        Assert.Equal("a FIFO", FileKind.Special(fifo));
    }

    [Theory]
    [InlineData("100000000M")]
    [InlineData("3T")]
    [InlineData("9223372036854775807")]
    public void ASizeAnMbrCannotHoldIsAUsageError(string size)
    {
        var (exit, output, error) = Run(["image", "usb", "--stock", "missing.iso", "--size", size]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLargestSizeIsNamed()
    {
        var (_, _, error) = Run(["image", "usb", "--stock", "missing.iso", "--size", "100000000M"]);
        Assert.StartsWith("error: --size 100000000M is larger than a USB image's boot partition can be: at most 2097088M (an MBR addresses 2 TiB)\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderGivenAsTheImageSaysSo()
    {
        var images = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
        var (exit, _, error) = Run(["flash", "--image", images, "--device", "/dev/null", "--yes"]);
        Assert.Equal(2, exit);
        Assert.Equal($"error: --image {images} is a folder, not an image file: give the image 'image usb' or 'image iso' wrote, such as out/NAME.img\n", error);

        File.WriteAllBytes(Path.Combine(images, "worker-1.img"), new byte[512]);
        (exit, _, error) = Run(["flash", "--image", images, "--device", "/dev/null", "--yes"]);
        Assert.Equal(2, exit);
        Assert.Equal($"error: --image {images} is a folder, not an image file: give one of its images, such as --image {Path.Combine(images, "worker-1.img")}\n", error);

        (exit, _, error) = Run(["flash", "--image", Path.Combine(images, "worker-1.img"), "--device", folder, "--yes"]);
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: --device {folder} is a folder, not a disk", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffCountsTheWorkersItWasGiven()
    {
        File.WriteAllText(Path.Combine(folder, "deployed.yml"), "#cloud-config\nhostname: x\n");
        var (exit, _, error) = Run(["diff", Path.Combine(folder, "deployed.yml"), "-w", "worker-1", "-w", "worker-3"]);
        Assert.Equal(2, exit);
        Assert.Equal("error: diff works on one worker and --worker chose 2 (worker-1, worker-3): name only one\n", error);

        (exit, _, error) = Run(["diff", Path.Combine(folder, "deployed.yml")]);
        Assert.Equal(2, exit);
        Assert.Equal("error: diff works on one worker and this project defines 3 (worker-1, worker-2, worker-3): choose one with --worker NAME\n", error);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void AFailingHostSyslinuxIsReportedWithItsOwnMessage()
    {
        // A syslinux that fails as a broken install does, with the real mtools beside it.
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var syslinux = Path.Combine(bin, "syslinux");
        File.WriteAllText(syslinux, "#!/bin/sh\necho 'syslinux: internal error: bad ldlinux.sys' >&2\nexit 1\n");
        ExternalTool.Run("chmod", ["+x", syslinux]).EnsureSuccess();
        foreach (var tool in new[] { "mcopy", "mattrib" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), ExternalTool.Require(tool));
        }

        var result = Cli.Run(Cli.LocalWorkers, folder, new Dictionary<string, string> { ["PATH"] = bin },
            "image", "usb", "--stock", StockImage.Instance.IsoPath, "--out", "w.img", "--size", "64M");
        Assert.True(result.ExitCode == 2, result.Output);
        Assert.StartsWith($"error: the host's syslinux could not install the boot loader ('{syslinux} --offset 1048576 --install ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("exited with 1: syslinux: internal error: bad ldlinux.sys); install a working syslinux", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("please report it", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["bin"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    private static (int Exit, string Output, string Error) Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = WorkerHost.Run(args, Fleet.FleetWorkers.All(), new HostConsole(output, error, new StringReader(""), interactive: false, inputInteractive: false));
        return (exit, output.ToString(), error.ToString());
    }
}
