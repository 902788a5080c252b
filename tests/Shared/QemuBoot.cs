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

    /// <summary>
    /// What /init fetched on a network boot (<c>BOOTLAB-FETCHED-BEGIN URL</c>, <c>BOOTLAB-FETCH-STATUS</c>, the body,
    /// <c>BOOTLAB-FETCHED-END</c>): each URL with the status line and the body as sent (the console drops '\r').
    /// </summary>
    public IReadOnlyList<(string Url, string? Status, string Body)> Fetches()
    {
        var lines = Serial.Split('\n');
        var fetches = new List<(string, string?, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("BOOTLAB-FETCHED-BEGIN ", StringComparison.Ordinal))
            {
                continue;
            }

            var url = lines[i]["BOOTLAB-FETCHED-BEGIN ".Length..].Trim();
            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("BOOTLAB-FETCHED-END", StringComparison.Ordinal));
            if (end < 0)
            {
                break;
            }

            string? status = null;
            var body = new List<string>();
            foreach (var line in lines[(i + 1)..end].Where(l => !IsKernelMessage(l)))
            {
                if (status is null && line.StartsWith("BOOTLAB-FETCH-STATUS ", StringComparison.Ordinal))
                {
                    status = line["BOOTLAB-FETCH-STATUS ".Length..];
                }
                else if (status is not null)
                {
                    body.Add(line);
                }
            }

            // /init ends the body with an echo: the last line break is its own.
            fetches.Add((url, status, string.Join('\n', body)));
            i = end;
        }

        return fetches;
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

    /// <summary>
    /// Boots a machine with the NIC <paramref name="mac"/> from the network: QEMU's user networking (no root, no
    /// bridge; the host's loopback is 10.0.2.2 inside) hands iPXE the boot file <paramref name="bootUrl"/>. Stops
    /// when the machine powers off, when a serial line satisfies <paramref name="until"/> (iPXE waiting at its shell),
    /// or after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<BootLog> NetworkAsync(string bootUrl, string mac, Func<string, bool>? until = null, TimeSpan? timeout = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo(ExternalTool.Require("qemu-system-x86_64"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-accel", "tcg", "-nographic", "-serial", "mon:stdio", "-m", "512", "-no-reboot",
            "-netdev", $"user,id=n0,bootfile={bootUrl}", "-device", $"e1000,netdev=n0,mac={mac}", "-boot", "n",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start qemu-system-x86_64");
        process.StandardInput.Close();
        var serial = new System.Text.StringBuilder();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                stopped.TrySetResult();
                return;
            }

            var line = e.Data.Replace("\r", "", StringComparison.Ordinal);
            lock (serial)
            {
                serial.Append(line).Append('\n');
            }

            if (until?.Invoke(line) == true)
            {
                stopped.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.WhenAny(stopped.Task, Task.Delay(timeout ?? TimeSpan.FromMinutes(4)));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        lock (serial)
        {
            return new BootLog(serial.ToString());
        }
    }

    /// <summary>
    /// Boots with the given drive arguments and an e1000 card on QEMU's user network, so that /init fetches the kernel
    /// line's http config URLs; give only URLs on <c>10.0.2.2</c> (the host's loopback inside the guest).
    /// </summary>
    public static BootLog BootWithNetwork(IEnumerable<string> driveArguments)
    {
        string[] common = ["-accel", "tcg", "-nographic", "-serial", "mon:stdio", "-m", "512", "-no-reboot",
            "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"];
        var result = ExternalTool.Run("qemu-system-x86_64", [.. common, .. driveArguments], TimeSpan.FromMinutes(4));
        return new BootLog(result.StandardOutput.Replace("\r", "", StringComparison.Ordinal));
    }

    /// <summary>Boots with the given drive arguments, without a network card.</summary>
    public static BootLog Boot(IEnumerable<string> driveArguments)
    {
        // No network card: /init would take a lease and fetch the kernel line's config URL (config.example.com)
        // through QEMU's user networking, off this machine.
        string[] common = ["-accel", "tcg", "-nographic", "-serial", "mon:stdio", "-m", "512", "-no-reboot", "-nic", "none"];
        var result = ExternalTool.Run("qemu-system-x86_64", [.. common, .. driveArguments], TimeSpan.FromMinutes(4));
        var serial = result.StandardOutput.Replace("\r", "", StringComparison.Ordinal);
        return new BootLog(serial);
    }
}
