using System.Buffers.Binary;
using CoreosDsl.Images.Syslinux;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Images.Tests;

/// <summary>
/// A syslinux distribution carved out of Debian's <c>/usr/bin/syslinux</c>, which embeds ldlinux.bss, ldlinux.sys and
/// ldlinux.c32 of its own build back to back (boot-recipe.md, "syslinux"): the boot sector template starts with
/// <c>EB 58 90 'SYSLINUX'</c> and ends with 55 AA, ldlinux.sys follows it and runs up to ldlinux.c32's ELF header,
/// and the ELF header says where ldlinux.c32 ends (its section header table is last).
/// </summary>
public sealed class SyslinuxFiles : IDisposable
{
    public SyslinuxFiles()
    {
        var binary = File.ReadAllBytes(ExternalTool.Require("syslinux"));
        var bss = binary.AsSpan().IndexOf((byte[])[0xEB, 0x58, 0x90, .. "SYSLINUX"u8]);
        Assert.True(bss >= 0 && binary[bss + 510] == 0x55 && binary[bss + 511] == 0xAA, "ldlinux.bss not found in /usr/bin/syslinux");
        var sys = bss + 512;
        Assert.True(binary.AsSpan(sys).StartsWith("\r\nSYSLINUX "u8), "ldlinux.sys does not follow ldlinux.bss in /usr/bin/syslinux");
        var elf = sys + binary.AsSpan(sys).IndexOf((byte[])[0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1]);
        Assert.True(elf > sys, "ldlinux.c32 (a 32-bit ELF) not found after ldlinux.sys");
        var sectionHeaders = BinaryPrimitives.ReadUInt32LittleEndian(binary.AsSpan(elf + 0x20));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(elf + 0x2E));
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(elf + 0x30));
        var c32Length = (int)(sectionHeaders + (entrySize * entries));

        Directory = TestPaths.NewScratchDirectory("syslinux-dist");
        File.WriteAllBytes(Path.Combine(Directory, "ldlinux.bss"), binary.AsSpan(bss, 512).ToArray());
        File.WriteAllBytes(Path.Combine(Directory, "ldlinux.sys"), binary.AsSpan(sys, elf - sys).ToArray());
        File.WriteAllBytes(Path.Combine(Directory, "ldlinux.c32"), binary.AsSpan(elf, c32Length).ToArray());
        Distribution = SyslinuxDistribution.FromDirectory(Directory);
    }

    /// <summary>The folder holding the three carved files.</summary>
    public string Directory { get; }

    /// <summary>The carved build.</summary>
    public SyslinuxDistribution Distribution { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
