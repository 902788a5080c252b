using System.Buffers.Binary;
using CoreosDsl.Fat;

namespace CoreosDsl.Images.Syslinux;

/// <summary>
/// Installs syslinux on a FAT volume as it is built, without running syslinux: the managed counterpart of
/// <c>syslinux --install</c>. In two steps around writing the volume:
/// <list type="number">
/// <item><see cref="Prepare"/> adds <c>ldlinux.c32</c> and reserves contiguous space for <c>ldlinux.sys</c>
/// (the loader padded to whole sectors, plus the two ADV sectors), both read-only, hidden and system;</item>
/// <item><see cref="Install"/>, after <see cref="FatLayout.WriteTo(Stream, long, IProgress{long}?, CancellationToken)"/>,
/// writes ldlinux.sys patched with its own sector list (first sector pointer in the boot sector, extent table,
/// ADV pointers, sector and dword counts, checksum) and merges <c>ldlinux.bss</c>'s code into the volume's boot
/// sector, keeping the BPB (bytes 11 to 89).</item>
/// </list>
/// The result is byte for byte what syslinux's own installer writes for the same sectors (a test checks it).
/// </summary>
public sealed class SyslinuxInstaller
{
    /// <summary>Where ldlinux.sys goes: the root, where syslinux installs it by default.</summary>
    public const string LoaderPath = "ldlinux.sys";

    /// <summary>Where ldlinux.c32 goes: next to ldlinux.sys, where the loader looks first.</summary>
    public const string ModulePath = "ldlinux.c32";

    /// <summary>syslinux's attributes for both files.</summary>
    public const FatAttributes Attributes = FatAttributes.ReadOnly | FatAttributes.Hidden | FatAttributes.System;

    // The boot sector bytes ldlinux.bss provides: the jump and OEM name, and everything from the end of the
    // FAT32 extended BPB (offset 90) up to the 55 AA signature.
    private const int HeadLength = 11;
    private const int CodeOffset = 90;
    private const int CodeEnd = 510;
    private const int SectorSize = 512;

    /// <summary>An installer for the files of <paramref name="distribution"/>.</summary>
    public SyslinuxInstaller(SyslinuxDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        Distribution = distribution;
    }

    /// <summary>The syslinux build installed.</summary>
    public SyslinuxDistribution Distribution { get; }

    /// <summary>The length of ldlinux.sys on the volume: the loader in whole sectors and the two ADV sectors.</summary>
    public long LoaderFileLength => AlignToSector(Distribution.Loader.Length) + (2 * SyslinuxAdv.Size);

    /// <summary>Adds ldlinux.c32 and reserves ldlinux.sys in <paramref name="builder"/>, before it is planned.</summary>
    public void Prepare(FatBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddFile(ModulePath, Distribution.Module.ToArray(), Attributes);
        builder.ReserveFile(LoaderPath, LoaderFileLength, Attributes);
    }

    /// <summary>
    /// Completes the install on the volume written at byte <paramref name="volumeOffset"/> of <paramref name="target"/>
    /// from <paramref name="layout"/> (which <see cref="Prepare"/> saw): writes the patched ldlinux.sys into its
    /// reserved sectors and syslinux's code into the boot sector (and the FAT32 backup boot sector).
    /// </summary>
    public void Install(Stream target, long volumeOffset, FatLayout layout)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(layout);
        var extent = layout.Locate(LoaderPath);
        if (extent.Length != LoaderFileLength)
        {
            throw new InvalidOperationException($"'{LoaderPath}' was reserved with {extent.Length} bytes, this syslinux needs {LoaderFileLength}: call Prepare with the same installer.");
        }

        var sectors = Enumerable.Range(0, (int)(extent.Length / SectorSize)).Select(i => extent.FirstSector + i).ToList();
        var (loader, bootTemplate) = Patch(Distribution, sectors);
        target.Position = volumeOffset + extent.ByteOffset;
        target.Write(loader);

        var bootSectors = layout.Type == FatType.Fat32 ? new long[] { 0, layout.BootSector.BackupBootSector } : [0];
        foreach (var sector in bootSectors)
        {
            var position = volumeOffset + (sector * SectorSize);
            var bytes = new byte[SectorSize];
            target.Position = position;
            target.ReadExactly(bytes);
            FatBootSector.Parse(bytes, position); // like syslinux: refuse anything that is not a FAT boot sector
            MergeBootSector(bytes, bootTemplate);
            target.Position = position;
            target.Write(bytes);
        }

        target.Flush();
    }

    /// <summary>
    /// Patches ldlinux.sys for the sectors it occupies (<paramref name="sectors"/>, volume-relative, one per 512
    /// bytes of the file including the ADV) and returns the file's content and the boot sector template with the
    /// first sector's LBA set. Pure: the same sectors give the same bytes.
    /// </summary>
    internal static (byte[] LoaderFile, byte[] BootTemplate) Patch(SyslinuxDistribution distribution, IReadOnlyList<long> sectors)
    {
        var loaderLength = distribution.Loader.Length;
        var dataSectors = (int)(AlignToSector(loaderLength) / SectorSize);
        var totalSectors = dataSectors + 2;
        if (sectors.Count < totalSectors)
        {
            throw new ArgumentException($"ldlinux.sys needs {totalSectors} sectors, {sectors.Count} were given.", nameof(sectors));
        }

        var file = new byte[(totalSectors * SectorSize)];
        distribution.Loader.CopyTo(file);
        SyslinuxAdv.Empty().CopyTo(file, dataSectors * SectorSize);
        var area = distribution.PatchArea;
        var extended = distribution.ExtendedPatchArea;

        // The boot sector loads the first sector itself: its LBA goes into the boot code, as two 32-bit halves.
        var boot = distribution.BootSector.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(boot.AsSpan(extended.FirstSectorLowOffset), (uint)sectors[0]);
        BinaryPrimitives.WriteUInt32LittleEndian(boot.AsSpan(extended.FirstSectorHighOffset), (uint)((ulong)sectors[0] >> 32));

        // The rest of the loader through the extent table; the ADV copies through their own pointers.
        var extents = SyslinuxExtent.FromSectors(sectors.Skip(1).Take(dataSectors - 1));
        if (extents.Count > extended.ExtentCapacity)
        {
            throw new InvalidOperationException($"ldlinux.sys needs {extents.Count} extents, this build has room for {extended.ExtentCapacity}.");
        }

        var table = file.AsSpan(extended.ExtentsOffset, extended.ExtentCapacity * SyslinuxExtent.Size);
        table.Clear();
        for (var i = 0; i < extents.Count; i++)
        {
            extents[i].WriteTo(table[(i * SyslinuxExtent.Size)..]);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(extended.AdvPointersOffset), (ulong)sectors[dataSectors]);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(extended.AdvPointersOffset + 8), (ulong)sectors[dataSectors + 1]);

        // Totals, then the checksum: all complete dwords of the loader sum to the magic.
        var dwords = loaderLength / 4;
        var patched = area with { DataSectors = (ushort)dataSectors, AdvSectors = 2, Dwords = (uint)dwords, Checksum = 0 };
        patched.WriteTo(file);
        var checksum = SyslinuxPatchArea.Magic;
        for (var i = 0; i < dwords; i++)
        {
            checksum -= BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(i * 4));
        }

        (patched with { Checksum = checksum }).WriteTo(file);
        return (file, boot);
    }

    /// <summary>Copies syslinux's jump, OEM name and boot code from <paramref name="template"/> into a volume's boot sector, keeping its BPB.</summary>
    internal static void MergeBootSector(Span<byte> bootSector, ReadOnlySpan<byte> template)
    {
        template[..HeadLength].CopyTo(bootSector);
        template[CodeOffset..CodeEnd].CopyTo(bootSector[CodeOffset..]);
    }

    private static long AlignToSector(long length) => (length + SectorSize - 1) / SectorSize * SectorSize;
}
