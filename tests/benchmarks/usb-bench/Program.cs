// Builds a USB image from a directory tree with CoreosDsl.Images, as `dotnet run` of a user's project would.
// Usage: usb-bench TREE OUTPUT.img managed|host [PARTITION_MIB]
// "managed" carves syslinux's files out of /usr/bin/syslinux (Debian embeds them there) and installs without it.
using System.Buffers.Binary;
using System.Diagnostics;
using CoreosDsl.Images.Syslinux;
using CoreosDsl.Images.Usb;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: usb-bench TREE OUTPUT.img managed|host [PARTITION_MIB]");
    return 2;
}

var (tree, output, mode) = (args[0], args[1], args[2]);
var partitionMib = args.Length > 3 ? long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2048;
var clock = Stopwatch.StartNew();
var options = new UsbImageOptions
{
    SyslinuxConfig = "DEFAULT coreos\nPROMPT 0\nTIMEOUT 0\nLABEL coreos\n  KERNEL /coreos/vmlinuz\n" +
        "  APPEND initrd=/coreos/cpio.gz coreos.autologin cloud-config-url=http://example.com/cloud-config.yml\n",
    PartitionSize = partitionMib << 20,
    Syslinux = mode == "managed" ? SyslinuxInstallMode.Managed : SyslinuxInstallMode.Host,
    SyslinuxDistribution = mode == "managed" ? CarveDebianSyslinux() : null,
};
var result = UsbImage.Create(output, UsbImageFile.FromDirectory(tree), options);
Console.WriteLine($"{result.Path}: {result.BootPartition.Type}, {result.BootPartition.ClusterSize / 1024} KiB clusters, syslinux {result.Syslinux}, " +
    $"{clock.Elapsed.TotalSeconds:0.000} s in process, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
return 0;

// ldlinux.bss starts with EB 58 90 "SYSLINUX", ldlinux.sys follows it up to ldlinux.c32's ELF header, whose section
// header table ends the file (boot-recipe.md, "syslinux").
static SyslinuxDistribution CarveDebianSyslinux()
{
    var binary = File.ReadAllBytes("/usr/bin/syslinux");
    var bss = binary.AsSpan().IndexOf((byte[])[0xEB, 0x58, 0x90, .. "SYSLINUX"u8]);
    var sys = bss + 512;
    var elf = sys + binary.AsSpan(sys).IndexOf((byte[])[0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1]);
    var c32Length = (int)(BinaryPrimitives.ReadUInt32LittleEndian(binary.AsSpan(elf + 0x20))
        + (BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(elf + 0x2E)) * BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(elf + 0x30))));
    return SyslinuxDistribution.FromBytes(binary.AsSpan(bss, 512), binary.AsSpan(sys, elf - sys), binary.AsSpan(elf, c32Length),
        File.ReadAllBytes("/usr/lib/syslinux/mbr/mbr.bin"));
}
