using System.Globalization;
using System.Text;

namespace CoreosDsl.Host;

/// <summary>What the kernel says about a whole disk (read from sysfs).</summary>
/// <param name="DevicePath">The path given (<c>/dev/sdb</c>).</param>
/// <param name="Name">The kernel's name for it (<c>sdb</c>).</param>
/// <param name="Size">Its size in bytes, or null when sysfs does not say.</param>
/// <param name="Vendor">The vendor string, if any.</param>
/// <param name="Model">The model string, if any.</param>
/// <param name="Partitions">The kernel names of its partitions (<c>sdb1</c>, <c>sdb2</c>).</param>
internal sealed record BlockDevice(string DevicePath, string Name, long? Size, string? Vendor, string? Model, IReadOnlyList<string> Partitions)
{
    /// <summary>"SanDisk Cruzer (15.0 GiB)", for the confirmation question.</summary>
    public string Description
    {
        get
        {
            var label = string.Join(' ', new[] { Vendor, Model }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var size = Size is { } s ? SizeArgument.Format(s) : "size unknown";
            return label.Length == 0 ? size : $"{label}, {size}";
        }
    }
}

/// <summary>
/// The checks <c>flash</c> makes before it writes a device, from what the kernel publishes under <c>/sys</c> and
/// <c>/proc</c> (below a root that tests replace with a fake tree): the target must be a whole disk known to the
/// kernel, removable or on a USB bus, writable, large enough, with no partition mounted, used as swap or held by
/// device mapper, and not the disk the running system lives on.
/// </summary>
internal static class DeviceSafety
{
    /// <summary>Mount points that mean "this disk holds the running system".</summary>
    private static readonly HashSet<string> SystemMountPoints = new(StringComparer.Ordinal) { "/", "/boot", "/boot/efi", "/usr", "/var", "/home", "/etc" };

    /// <summary>Inspects <paramref name="devicePath"/>; returns the device (when sysfs knows it) and every reason not to write it.</summary>
    /// <param name="devicePath">The device to write (<c>/dev/sdb</c>, or a <c>/dev/disk/by-id/...</c> link).</param>
    /// <param name="imageLength">The image's length, which must fit.</param>
    /// <param name="systemRoot">Where <c>sys/</c> and <c>proc/</c> are: <c>/</c>, or a fake tree in tests.</param>
    public static (BlockDevice? Device, IReadOnlyList<string> Refusals) Inspect(string devicePath, long imageLength, string systemRoot)
    {
        var refusals = new List<string>();
        var name = KernelName(devicePath);
        var sysBlock = Path.Combine(systemRoot, "sys", "block", name);
        if (!Directory.Exists(sysBlock))
        {
            var classEntry = Path.Combine(systemRoot, "sys", "class", "block", name);
            refusals.Add(File.Exists(Path.Combine(classEntry, "partition"))
                ? $"{devicePath} is a partition; give the whole disk (the device without the partition number), since the image carries its own partition table"
                : $"{devicePath} is not a disk the kernel knows ({Path.Combine("/sys/block", name)} does not exist); give the USB stick's device, such as /dev/sdb (see lsblk)");
            return (null, refusals);
        }

        var partitions = Directory.EnumerateDirectories(sysBlock, name + "*")
            .Where(d => File.Exists(Path.Combine(d, "partition")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        var sectors = ReadLong(Path.Combine(sysBlock, "size"));
        var device = new BlockDevice(devicePath, name, sectors * 512, ReadText(Path.Combine(sysBlock, "device", "vendor")),
            ReadText(Path.Combine(sysBlock, "device", "model")), partitions);

        var removable = ReadText(Path.Combine(sysBlock, "removable")) == "1";
        var onUsb = (ResolveLink(sysBlock) ?? "").Contains("/usb", StringComparison.Ordinal);
        if (!removable && !onUsb)
        {
            refusals.Add($"{devicePath} is not removable ({Path.Combine("/sys/block", name, "removable")} is not 1) and not on a USB bus: flash writes only USB sticks and other removable disks");
        }

        if (ReadText(Path.Combine(sysBlock, "ro")) == "1")
        {
            refusals.Add($"{devicePath} is read-only (write-protect switch?)");
        }

        if (device.Size is { } size && size < imageLength)
        {
            refusals.Add($"{devicePath} holds {SizeArgument.Format(size)} but the image is {SizeArgument.Format(imageLength)}; use a larger stick or a smaller --size");
        }

        var names = new HashSet<string>(partitions.Prepend(name), StringComparer.Ordinal);
        foreach (var part in names)
        {
            var holders = Path.Combine(part == name ? sysBlock : Path.Combine(sysBlock, part), "holders");
            if (Directory.Exists(holders) && Directory.EnumerateFileSystemEntries(holders).Select(Path.GetFileName).ToList() is { Count: > 0 } held)
            {
                refusals.Add($"/dev/{part} is in use by {string.Join(", ", held)} (device mapper: LVM, encryption or RAID); stop that first");
            }
        }

        foreach (var (source, mountPoint) in Mounts(systemRoot))
        {
            if (!source.StartsWith("/dev/", StringComparison.Ordinal) || !names.Contains(KernelName(source)))
            {
                continue;
            }

            refusals.Add(SystemMountPoints.Contains(mountPoint)
                ? $"{devicePath} holds the running system ({mountPoint} is mounted from {source}); never write over it"
                : $"{source} is mounted on {mountPoint}; unmount it first (umount {source})");
        }

        foreach (var swap in Swaps(systemRoot).Where(s => s.StartsWith("/dev/", StringComparison.Ordinal) && names.Contains(KernelName(s))))
        {
            refusals.Add($"{swap} is in use as swap (swapoff {swap} first)");
        }

        return (device, refusals);
    }

    /// <summary>The kernel name of a device path, following links such as <c>/dev/disk/by-id/...</c>.</summary>
    private static string KernelName(string devicePath)
    {
        var resolved = devicePath;
        try
        {
            if (new FileInfo(devicePath).LinkTarget is not null)
            {
                resolved = File.ResolveLinkTarget(devicePath, returnFinalTarget: true)?.FullName ?? devicePath;
            }
        }
        catch (IOException)
        {
        }

        return Path.GetFileName(resolved.TrimEnd('/'));
    }

    private static IEnumerable<(string Source, string MountPoint)> Mounts(string root)
    {
        var file = Path.Combine(root, "proc", "self", "mounts");
        if (!File.Exists(file))
        {
            file = Path.Combine(root, "proc", "mounts");
        }

        if (!File.Exists(file))
        {
            throw new UsageException($"cannot tell what is mounted: {file} does not exist (is /proc mounted?); refusing to write");
        }

        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2)
            {
                yield return (Unescape(fields[0]), Unescape(fields[1]));
            }
        }
    }

    private static IEnumerable<string> Swaps(string root)
    {
        var file = Path.Combine(root, "proc", "swaps");
        return File.Exists(file)
            ? File.ReadLines(file).Skip(1).Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length > 0).Select(f => Unescape(f[0]))
            : [];
    }

    /// <summary>Undoes the octal escapes of /proc/mounts (<c>\040</c> is a space).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && field.Skip(i + 1).Take(3).All(c => c is >= '0' and <= '7'))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static string? ResolveLink(string path)
    {
        try
        {
            return new DirectoryInfo(path).LinkTarget is null ? path : Directory.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ReadText(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static long? ReadLong(string path) =>
        long.TryParse(ReadText(path), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
