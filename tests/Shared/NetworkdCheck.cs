using System.Text;

namespace CoreosDsl.Tests.Shared;

/// <summary>
/// systemd-networkd and udev (systemd 252) as oracles for networkd files. Both read every file of
/// /etc/systemd/network when they start and log each line they refuse as <c>/etc/systemd/network/NAME:LINE: message</c>
/// (an unknown key, a value they cannot parse or that is out of range). The files are put there in a private
/// mount namespace (and networkd in a private network namespace), so the machine's own configuration is neither
/// read nor touched. Needs root (or password-less sudo), as systemd-networkd drops to its own user.
/// </summary>
public static class NetworkdCheck
{
    private const string Target = "/etc/systemd/network/";

    /// <summary>
    /// The lines systemd-networkd (<c>.network</c>, <c>.netdev</c>) and udev (<c>.link</c>) log about
    /// <paramref name="files"/> (file name → content): empty when they read every line as written.
    /// </summary>
    public static IReadOnlyList<string> Messages(IReadOnlyDictionary<string, string> files)
    {
        var directory = TestPaths.NewScratchDirectory("networkd");
        try
        {
            foreach (var (name, content) in files)
            {
                File.WriteAllText(Path.Combine(directory, name), content, new UTF8Encoding(false));
            }

            var networkd = new[] { "/lib/systemd/systemd-networkd", "/usr/lib/systemd/systemd-networkd" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("The oracle 'systemd-networkd' is not installed: run 'apt-get install systemd' (.ci/run installs it).");
            var udevadm = ExternalTool.Require("udevadm");
            var setup = $"mount -t tmpfs tmpfs {Target} && cp {directory}/* {Target} && mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/netif";
            var script = files.Keys.Any(n => !n.EndsWith(".link", StringComparison.Ordinal))
                ? $"{setup} && SYSTEMD_LOG_LEVEL=info SYSTEMD_LOG_TARGET=console timeout 5 {networkd} 2>&1; "
                : $"{setup}; ";
            if (files.Keys.Any(n => n.EndsWith(".link", StringComparison.Ordinal)))
            {
                script += $"SYSTEMD_LOG_LEVEL=info {udevadm} test-builtin net_setup_link /sys/class/net/lo 2>&1; true";
            }

            var asRoot = Environment.UserName == "root";
            var arguments = new List<string> { "-m", "-n", "--propagation", "private", "sh", "-c", script };
            var result = asRoot
                ? ExternalTool.Run("unshare", arguments, TimeSpan.FromSeconds(60))
                : ExternalTool.Run("sudo", ["-n", "unshare", .. arguments], TimeSpan.FromSeconds(60));
            if (!result.Output.Contains("Enumeration completed", StringComparison.Ordinal) && files.Keys.Any(n => !n.EndsWith(".link", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"systemd-networkd did not start in its namespace (run the oracle tests as root):\n{result.Output}");
            }

            return [.. result.Output.Split('\n').Where(l => l.StartsWith(Target, StringComparison.Ordinal)).Select(l => l[Target.Length..]).Distinct()];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
