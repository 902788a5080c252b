using System.Text.Json.Nodes;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary><c>flash</c> against a regular file standing in for the device and a fake sysfs/procfs tree.</summary>
public sealed class FlashTests : IDisposable
{
    private readonly string folder = TestPaths.NewScratchDirectory("flash");
    private readonly FakeSystem system;
    private readonly string image;

    public FlashTests()
    {
        system = new FakeSystem(Path.Combine(folder, "root"));
        image = Path.Combine(folder, "worker.img");
        var bytes = new byte[(3 << 20) + 512];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(image, bytes);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private ToolResult Flash(string device, params string[] extra) =>
        Cli.Run(Cli.Fleet, folder, ["flash", "--image", image, "--device", device, "--system-root", system.Root, .. extra]);

    [Fact]
    public void ARemovableDiskIsWrittenSyncedAndVerified()
    {
        var device = system.Disk("sdz", removable: true, sectors: 1 << 15);

        var result = Flash(device, "--yes");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(File.ReadAllBytes(image), File.ReadAllBytes(device));
        Assert.EndsWith($"wrote and verified {new FileInfo(image).Length} bytes on {device}; it is safe to remove\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("verifying", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public async Task AnInterruptedFlashSaysTheDeviceIsPartlyWritten()
    {
        // 2 GiB of (sparse) image: long enough to be interrupted mid-write.
        var big = Path.Combine(folder, "big.img");
        using (var f = File.Create(big))
        {
            f.SetLength(2L << 30);
        }

        var device = system.Disk("sdw", removable: true, sectors: 8L << 21);
        using var process = Cli.Start(Cli.Fleet, folder, "flash", "--image", big, "--device", device, "--system-root", system.Root, "--yes");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var first = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith($"writing {device}", first, StringComparison.Ordinal);
            System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "flash did not stop on SIGINT");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.Equal(130, process.ExitCode);
        Assert.Equal($"error: interrupted: {device} is partly written and will not boot; run flash again to write it completely\n",
            await process.StandardError.ReadToEndAsync());
        Assert.True(new FileInfo(device).Length < 2L << 30, "the whole image was written before the interrupt");
    }

    [Fact]
    public void AUsbDiskThatSaysItIsNotRemovableIsAccepted()
    {
        var device = system.Disk("sdy", removable: false, sectors: 1 << 15);
        var block = Path.Combine(system.Root, "sys", "block", "sdy");
        var real = Path.Combine(system.Root, "sys", "devices", "pci0000:00", "0000:00:14.0", "usb2", "2-1", "block", "sdy");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        Directory.Move(block, real);
        Directory.CreateSymbolicLink(block, real);

        var result = Flash(device, "--yes", "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        var json = JsonNode.Parse(result.StandardOutput)!;
        Assert.True((bool)json["verified"]!);
    }

    [Theory]
    [InlineData("fixed", "is not removable (/sys/block/sdx/removable is not 1) and not on a USB bus")]
    [InlineData("mounted", "/dev/sdx1 is mounted on /media/usb stick; unmount it first (umount /dev/sdx1)")]
    [InlineData("system", "holds the running system (/ is mounted from /dev/sdx2)")]
    [InlineData("swap", "/dev/sdx1 is in use as swap")]
    [InlineData("held", "/dev/sdx2 is in use by dm-0 (device mapper")]
    [InlineData("small", "holds 1.0 MiB but the image is 3.0 MiB")]
    [InlineData("read-only", "is read-only")]
    public void UnsafeDevicesAreRefusedAndLeftUntouched(string situation, string expected)
    {
        var device = system.Disk("sdx", removable: situation != "fixed", sectors: situation == "small" ? 2048 : 1 << 15,
            partitions: ["sdx1", "sdx2"], readOnly: situation == "read-only");
        switch (situation)
        {
            case "mounted":
                system.Mounts("/dev/sda2 / ext4 rw 0 0", "/dev/sdx1 /media/usb\\040stick vfat rw 0 0");
                break;
            case "system":
                system.Mounts("/dev/sdx2 / ext4 rw 0 0");
                break;
            case "swap":
                system.Swap("/dev/sdx1");
                break;
            case "held":
                system.Holder("sdx", "sdx2", "dm-0");
                break;
        }

        var before = File.ReadAllBytes(device);
        var result = Flash(device, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: refusing to write {device}: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(device));
    }

    [Fact]
    public void APartitionOrAnUnknownDeviceIsRefused()
    {
        system.Disk("sdw", removable: true, sectors: 1 << 15, partitions: ["sdw1"]);
        var partition = Path.Combine(system.Root, "dev", "sdw1");
        File.WriteAllBytes(partition, new byte[16]);
        var result = Flash(partition, "--yes");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is a partition; give the whole disk", result.StandardError, StringComparison.Ordinal);

        var stray = Path.Combine(folder, "not-a-disk");
        File.WriteAllBytes(stray, new byte[16]);
        result = Flash(stray, "--yes");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a disk the kernel knows (/sys/block/not-a-disk does not exist)", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(new byte[16], File.ReadAllBytes(stray));
    }

    [Fact]
    public void WithoutATerminalOrYesNothingIsWritten()
    {
        var device = system.Disk("sdv", removable: true, sectors: 1 << 15);
        var result = Flash(device);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("without confirmation: run it in a terminal, or pass --yes", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(new byte[4096], File.ReadAllBytes(device));
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("n\n", false)]
    [InlineData("\n", false)]
    public void APersonIsAskedFirst(string answer, bool written)
    {
        var device = system.Disk("sdu", removable: true, sectors: 1 << 15);
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new HostConsole(output, error, new StringReader(answer), interactive: false, inputInteractive: true);

        var exit = WorkerHost.Run(["flash", "-i", image, "-d", device, "--system-root", system.Root], Fleet.FleetWorkers.All(), console);

        Assert.Contains($"to {device} (SanDisk Cruzer, 16.0 MiB)? Everything on it is lost. [y/N]", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(written ? 0 : 1, exit);
        Assert.Equal(written, File.ReadAllBytes(device).AsSpan().SequenceEqual(File.ReadAllBytes(image)));
    }

    [Fact]
    public void AStickThatLosesDataFailsTheVerify()
    {
        // /dev/zero swallows writes and reads back zeros: the shape of a fake-capacity stick.
        var zero = system.Disk("zero", removable: true, sectors: 1 << 15, create: false);
        File.CreateSymbolicLink(zero, "/dev/zero");
        var result = Flash(zero, "--yes");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("verify failed", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }
}
