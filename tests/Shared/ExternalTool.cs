using System.Diagnostics;
using System.Text;

namespace CoreosDsl.Tests.Shared;

/// <summary>The result of running an external program.</summary>
public sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for failure messages.</summary>
    public string Output => StandardOutput + StandardError;

    /// <summary>Throws with the whole output unless the exit code is 0.</summary>
    public ToolResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"'{Command}' exited with {ExitCode}:\n{Output}");
}

/// <summary>
/// Runs the real tools the tests use as oracles (systemd-analyze, xorriso, mtools, QEMU, ...). A missing tool
/// fails the test with the Debian package to install: oracle tests never skip silently.
/// </summary>
public static class ExternalTool
{
    /// <summary>Debian packages that provide each tool, for the error message (.ci/run installs them).</summary>
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["systemd-analyze"] = "systemd",
        ["systemd-escape"] = "systemd",
        ["xorriso"] = "xorriso",
        ["isoinfo"] = "genisoimage",
        ["7z"] = "p7zip-full",
        ["fsck.fat"] = "dosfstools",
        ["mkfs.fat"] = "dosfstools",
        ["mdir"] = "mtools",
        ["mtype"] = "mtools",
        ["mcopy"] = "mtools",
        ["minfo"] = "mtools",
        ["mattrib"] = "mtools",
        ["sfdisk"] = "fdisk",
        ["syslinux"] = "syslinux",
        ["qemu-system-x86_64"] = "qemu-system-x86",
        ["busybox"] = "busybox-static",
        ["cpio"] = "cpio",
        ["ignition-validate"] = "ignition",
        ["dnsmasq"] = "dnsmasq-base",
        ["python3"] = "python3",
        ["udevadm"] = "udev",
        ["unshare"] = "util-linux",
        ["sudo"] = "sudo",
    };

    /// <summary>The full path of <paramref name="tool"/>; throws naming the package when it is not installed.</summary>
    public static string Require(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var package = Packages.GetValueOrDefault(tool, tool);
        throw new InvalidOperationException(
            $"The oracle '{tool}' is not installed: run 'apt-get install {package}' (.ci/run installs it).");
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/> and waits up to <paramref name="timeout"/>.</summary>
    public static ToolResult Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null,
        string? workingDirectory = null, string? standardInput = null, IDictionary<string, string>? environment = null)
    {
        var path = Require(tool);
        var args = arguments.ToList();
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // Oracles print in the C locale so that tests can match their text.
        start.Environment["LC_ALL"] = "C";
        start.Environment["MTOOLS_SKIP_CHECK"] = "1";
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                start.Environment[k] = v;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{tool} {string.Join(' ', args)}' did not finish within {limit}");
        }

        process.WaitForExit();
        return new ToolResult($"{tool} {string.Join(' ', args)}", process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
