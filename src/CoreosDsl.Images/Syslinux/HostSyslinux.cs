using System.Diagnostics;
using System.Globalization;

namespace CoreosDsl.Images.Syslinux;

/// <summary>
/// Runs the host's syslinux installer on a FAT volume inside an image file (<c>syslinux --offset N --install</c>),
/// the seed's own step. Debian's <c>syslinux</c> works through mtools, so both must be installed.
/// </summary>
public static class HostSyslinux
{
    /// <summary>The path of the <c>syslinux</c> executable, or null when it is not installed.</summary>
    public static string? FindExecutable() => Find("syslinux");

    /// <summary>True when <c>syslinux</c> and the mtools it drives are installed.</summary>
    public static bool IsAvailable => FindExecutable() is not null && Find("mcopy") is not null && Find("mattrib") is not null;

    /// <summary>
    /// Installs syslinux on the FAT volume at byte <paramref name="volumeOffset"/> of <paramref name="imagePath"/>:
    /// ldlinux.sys and ldlinux.c32 in the root, the boot code in the volume's boot sector. Throws
    /// <see cref="ExternalToolException"/> naming the Debian package when a tool is missing, and with syslinux's
    /// own message when it fails.
    /// </summary>
    public static void Install(string imagePath, long volumeOffset, CancellationToken cancellationToken = default)
    {
        var syslinux = FindExecutable() ?? throw new ExternalToolException("syslinux",
            "syslinux is not installed: run 'apt-get install syslinux' (its installer also needs mtools), or give a syslinux distribution " +
            "(a directory with ldlinux.bss, ldlinux.sys and ldlinux.c32) to install without it.");
        if (Find("mcopy") is null || Find("mattrib") is null)
        {
            throw new ExternalToolException("mtools", "syslinux installs through mtools, which is not installed: run 'apt-get install mtools'.");
        }

        var start = new ProcessStartInfo(syslinux)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--offset");
        start.ArgumentList.Add(volumeOffset.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--install");
        start.ArgumentList.Add(imagePath);
        start.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ExternalToolException("syslinux", $"could not start {syslinux}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ExternalToolException("syslinux", $"could not start {syslinux}: {e.Message}; reinstall it with 'apt-get install --reinstall syslinux'");
        }

        using var running = process;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var said = (stderr.Result + stdout.Result).Trim();
            throw new ExternalToolException("syslinux", $"the host's syslinux could not install the boot loader " +
                $"('{syslinux} --offset {volumeOffset} --install {imagePath}' exited with {process.ExitCode}" +
                (said.Length == 0 ? ")" : $": {said.ReplaceLineEndings("; ")})") +
                "; install a working syslinux ('apt-get install syslinux mtools') or use the managed installer with a syslinux build (--syslinux DIR)");
        }
    }

    // PATH only: syslinux itself finds mcopy and mattrib through PATH, so a tool outside it would not work anyway.
    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
