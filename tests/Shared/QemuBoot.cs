namespace CoreosDsl.Tests.Shared;

/// <summary>What the stand-in stock image's /init printed on the serial console.</summary>
public sealed record BootLog(string Serial)
{
    /// <summary>The <c>BOOTLAB-</c> marker lines and the config text between USERDATA/CLOUDCONFIG markers.</summary>
    public IReadOnlyList<string> Markers { get; } = Serial.Split('\n').Where(l => l.StartsWith("BOOTLAB-", StringComparison.Ordinal)).ToList();

    /// <summary>True when /init ran to its end.</summary>
    public bool Completed => Markers.Any(m => m.StartsWith("BOOTLAB-DONE", StringComparison.Ordinal));

    /// <summary>The kernel command line /init saw.</summary>
    public string? CommandLine => Markers.FirstOrDefault(m => m.StartsWith("BOOTLAB-CMDLINE: ", StringComparison.Ordinal))?["BOOTLAB-CMDLINE: ".Length..];

    /// <summary>
    /// The text printed between <c>BOOTLAB-{name}-BEGIN</c> and <c>BOOTLAB-{name}-END</c> (USERDATA, CLOUDCONFIG),
    /// without the kernel's own <c>[    1.234567] ...</c> lines, which share the serial console and may fall between.
    /// </summary>
    public string? Block(string name)
    {
        var lines = Serial.Split('\n');
        var begin = Array.FindIndex(lines, l => l.StartsWith($"BOOTLAB-{name}-BEGIN", StringComparison.Ordinal));
        if (begin < 0)
        {
            return null;
        }

        var end = Array.FindIndex(lines, begin + 1, l => l.StartsWith($"BOOTLAB-{name}-END", StringComparison.Ordinal));
        return end < 0 ? null : string.Join('\n', lines[(begin + 1)..end].Where(l => !IsKernelMessage(l)));
    }

    private static bool IsKernelMessage(string line)
    {
        // "[" spaces digits "." digits "]": printk's timestamp.
        var close = line.IndexOf(']');
        if (line.Length == 0 || line[0] != '[' || close < 4)
        {
            return false;
        }

        var stamp = line[1..close].TrimStart(' ');
        var dot = stamp.IndexOf('.');
        return dot > 0 && stamp.Remove(dot, 1).All(char.IsAsciiDigit);
    }
}

/// <summary>
/// Boots an image under QEMU with software emulation (TCG: KVM on these machines fails inside isolinux) and
/// captures the serial console. A boot of the stand-in image takes 7 to 15 seconds.
/// </summary>
public static class QemuBoot
{
    /// <summary>Boots <paramref name="iso"/> as a CD-ROM.</summary>
    public static BootLog Cdrom(string iso, params string[] extraArguments) => Boot(["-cdrom", iso, .. extraArguments]);

    /// <summary>Boots <paramref name="image"/> as the first hard disk.</summary>
    public static BootLog HardDisk(string image, params string[] extraArguments) =>
        Boot(["-drive", $"file={image},format=raw,index=0", .. extraArguments]);

    /// <summary>Boots with the given drive arguments.</summary>
    public static BootLog Boot(IEnumerable<string> driveArguments)
    {
        string[] common = ["-accel", "tcg", "-nographic", "-serial", "mon:stdio", "-m", "512", "-no-reboot"];
        var result = ExternalTool.Run("qemu-system-x86_64", [.. common, .. driveArguments], TimeSpan.FromMinutes(4));
        var serial = result.StandardOutput.Replace("\r", "", StringComparison.Ordinal);
        return new BootLog(serial);
    }
}
