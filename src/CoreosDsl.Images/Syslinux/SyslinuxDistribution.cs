using System.Text;

namespace CoreosDsl.Images.Syslinux;

/// <summary>
/// The three files of one syslinux build that a FAT install needs: <c>ldlinux.bss</c> (the 512-byte boot sector
/// template), <c>ldlinux.sys</c> (the loader, patched with its own sector list at install) and <c>ldlinux.c32</c>
/// (the core module the loader runs; it must come from the same build). A syslinux release tarball has them under
/// <c>bios/core/</c> and <c>bios/com32/elflink/ldlinux/</c>; Debian ships them only inside <c>/usr/bin/syslinux</c>.
/// </summary>
public sealed class SyslinuxDistribution
{
    private readonly byte[] _bootSector;
    private readonly byte[] _loader;
    private readonly byte[] _module;

    private SyslinuxDistribution(byte[] bootSector, byte[] loader, byte[] module, byte[]? masterBootCode, string source)
    {
        _bootSector = bootSector;
        _loader = loader;
        _module = module;
        MasterBootCode = masterBootCode;
        Source = source;
        if (bootSector.Length != 512 || bootSector[510] != 0x55 || bootSector[511] != 0xAA || bootSector[0] != 0xEB || bootSector[2] != 0x90)
        {
            throw new InvalidDataException(
                $"{source}: ldlinux.bss must be a 512-byte FAT boot sector (EB xx 90 ... 55 AA), found {bootSector.Length} bytes starting {Convert.ToHexString(bootSector.AsSpan(0, Math.Min(3, bootSector.Length)))}");
        }

        if (module.Length < 4 || module[0] != 0x7F || module[1] != (byte)'E' || module[2] != (byte)'L' || module[3] != (byte)'F')
        {
            throw new InvalidDataException($"{source}: ldlinux.c32 must be an ELF module (7F 'ELF' at offset 0)");
        }

        PatchArea = SyslinuxPatchArea.Find(loader, $"{source}: ldlinux.sys");
        ExtendedPatchArea = SyslinuxExtendedPatchArea.Parse(loader, PatchArea.ExtendedOffset, $"{source}: ldlinux.sys");
        var banner = Encoding.ASCII.GetString(loader, 0, Math.Min(64, loader.Length));
        var start = banner.IndexOf("SYSLINUX ", StringComparison.Ordinal);
        Version = start < 0 ? "unknown" : banner[(start + "SYSLINUX ".Length)..].Split(' ', '\0', '\r', '\n')[0];
    }

    /// <summary>Where the files came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The version in ldlinux.sys's banner ("6.04").</summary>
    public string Version { get; }

    /// <summary>The boot sector template, <c>ldlinux.bss</c>.</summary>
    public ReadOnlySpan<byte> BootSector => _bootSector;

    /// <summary>The unpatched loader, <c>ldlinux.sys</c>.</summary>
    public ReadOnlySpan<byte> Loader => _loader;

    /// <summary>The core module, <c>ldlinux.c32</c>.</summary>
    public ReadOnlySpan<byte> Module => _module;

    /// <summary>The build's MBR code (<c>mbr.bin</c>) when the directory holds one.</summary>
    public byte[]? MasterBootCode { get; }

    internal SyslinuxPatchArea PatchArea { get; }

    internal SyslinuxExtendedPatchArea ExtendedPatchArea { get; }

    /// <summary>
    /// Loads the files from <paramref name="directory"/>: either directly in it (<c>ldlinux.bss</c>, <c>ldlinux.sys</c>,
    /// <c>ldlinux.c32</c>, optionally <c>mbr.bin</c>) or laid out as in a syslinux release (<c>bios/core/...</c>).
    /// Throws <see cref="FileNotFoundException"/> naming every file that is missing.
    /// </summary>
    public static SyslinuxDistribution FromDirectory(string directory)
    {
        string? Find(params string[] candidates) =>
            candidates.Select(c => Path.Combine(directory, c)).FirstOrDefault(File.Exists);

        var bss = Find("ldlinux.bss", "bios/core/ldlinux.bss");
        var sys = Find("ldlinux.sys", "bios/core/ldlinux.sys");
        var c32 = Find("ldlinux.c32", "bios/com32/elflink/ldlinux/ldlinux.c32");
        var mbr = Find("mbr.bin", "bios/mbr/mbr.bin");
        var missing = new[] { ("ldlinux.bss", bss), ("ldlinux.sys", sys), ("ldlinux.c32", c32) }.Where(f => f.Item2 is null).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"The syslinux distribution '{directory}' lacks {string.Join(", ", missing)}: it needs ldlinux.bss, ldlinux.sys and ldlinux.c32 of one syslinux build " +
                "(in the directory itself, or under bios/ as in a syslinux release).");
        }

        return new SyslinuxDistribution(File.ReadAllBytes(bss!), File.ReadAllBytes(sys!), File.ReadAllBytes(c32!),
            mbr is null ? null : File.ReadAllBytes(mbr), directory);
    }

    /// <summary>The files given as bytes.</summary>
    public static SyslinuxDistribution FromBytes(ReadOnlySpan<byte> bootSector, ReadOnlySpan<byte> loader, ReadOnlySpan<byte> module, byte[]? masterBootCode = null) =>
        new(bootSector.ToArray(), loader.ToArray(), module.ToArray(), masterBootCode, "syslinux files");
}
