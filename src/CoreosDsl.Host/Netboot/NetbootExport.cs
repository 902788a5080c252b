using System.Text;
using CoreosDsl.IO;

namespace CoreosDsl.Host.Netboot;

/// <summary>
/// <c>build --netboot</c>: the network boot as static files, so that any web server, object store or CDN serves
/// what <c>serve --stock</c> serves, with no CoreosDsl process in the loop. Next to the workers' folders
/// (<c>NAME/cloud-config.yml</c>, the path the scripts' config URLs name) it writes <c>boot.ipxe</c>, one script per MAC
/// address under <c>ipxe/</c>, <c>ipxe/unknown.ipxe</c>, the kernel and initrd copied out of the stock ISO under
/// <c>assets/</c>, and <c>dnsmasq.conf</c>, a proxy-DHCP and TFTP snippet that starts the machines on it.
/// </summary>
internal static class NetbootExport
{
    /// <summary>The dnsmasq snippet's file name.</summary>
    public const string DnsmasqFile = "dnsmasq.conf";

    /// <summary>Writes the netboot files of <paramref name="workers"/> into <paramref name="folder"/>.</summary>
    /// <param name="folder">The build's output folder (the workers' folders are written there by build).</param>
    /// <param name="workers">The workers.</param>
    /// <param name="assets">The kernels and initrds, read from the stock ISO.</param>
    /// <param name="publicUrl">Where the machines will fetch the folder from (ends with '/').</param>
    /// <param name="cancellationToken">Stops between files; a file is never left half-written.</param>
    /// <returns>The paths written, relative to <paramref name="folder"/>, with '/'.</returns>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<WorkerDefinition> workers, StockAssets assets, Uri publicUrl,
        CancellationToken cancellationToken)
    {
        // Same checks as serve: a MAC, UUID or label set that names two workers is an error, not a coin toss.
        _ = new MachineMatcher(workers);
        var written = new List<string>();
        void Text(string path, string text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = Encoding.UTF8.GetBytes(text);
            if (!AtomicFile.Holds(PathIn(folder, path), bytes))
            {
                WriteAtomically(folder, path, stream => stream.Write(bytes));
            }

            written.Add(path);
        }

        Text(NetbootPaths.BootScript, IpxeScripts.Boot());
        foreach (var worker in workers)
        {
            var script = IpxeScripts.Machine(worker, publicUrl);
            foreach (var mac in worker.MacAddresses)
            {
                Text(NetbootPaths.MachineScript(mac), script);
            }
        }

        Text(NetbootPaths.UnknownScript, IpxeScripts.Unknown("mac ${mac}, uuid ${uuid}, hostname ${hostname}", workers));
        foreach (var (urlPath, asset) in assets.ByUrlPath.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var copy = new FileInfo(Path.Combine(folder, urlPath));

            // rsync's quick check: the copy of an earlier export has the asset's length and the image's time.
            if (!copy.Exists || copy.Length != asset.File.Length || copy.LastWriteTimeUtc != asset.LastModified.UtcDateTime)
            {
                WriteAtomically(folder, urlPath, stream =>
                {
                    using var source = asset.File.Open();
                    source.CopyTo(stream, 1 << 20);
                });
                File.SetLastWriteTimeUtc(copy.FullName, asset.LastModified.UtcDateTime);
            }

            written.Add(urlPath);
        }

        Text(DnsmasqFile, Dnsmasq(publicUrl));

        // A script left from an earlier export would boot a machine that is no longer a worker (or is another one now).
        foreach (var stale in Directory.EnumerateFiles(Path.Combine(folder, NetbootPaths.ScriptFolder), "*.ipxe")
            .Where(f => !written.Contains($"{NetbootPaths.ScriptFolder}/{Path.GetFileName(f)}")).ToList())
        {
            File.Delete(stale);
        }

        return written;
    }

    /// <summary>
    /// The dnsmasq snippet: proxy DHCP beside the network's own DHCP server (which keeps handing out addresses), TFTP
    /// of the iPXE binary to PXE firmware, and <c>boot.ipxe</c> over HTTP to clients that already run iPXE.
    /// </summary>
    public static string Dnsmasq(Uri publicUrl)
    {
        var boot = new Uri(publicUrl, NetbootPaths.BootScript).AbsoluteUri;
        return "# CoreosDsl network boot for dnsmasq (written by 'build --netboot'; see docs/netboot.md).\n" +
            "# Proxy DHCP: your DHCP server keeps handing out addresses; dnsmasq only adds the boot information.\n" +
            "# Change 192.168.1.0 to your network, put undionly.kpxe and ipxe.efi (package ipxe, /usr/lib/ipxe/) into\n" +
            "# tftp-root, and run: dnsmasq --conf-file=dnsmasq.conf (or drop this file into /etc/dnsmasq.d/).\n" +
            "port=0\n" +
            "dhcp-range=192.168.1.0,proxy\n" +
            "# Firmware PXE gets the iPXE binary by TFTP; iPXE (user class \"iPXE\") gets boot.ipxe over HTTP.\n" +
            "dhcp-userclass=set:ipxe,iPXE\n" +
            "pxe-service=tag:!ipxe,x86PC,\"Chain to iPXE (BIOS)\",undionly.kpxe\n" +
            "pxe-service=tag:!ipxe,X86-64_EFI,\"Chain to iPXE (UEFI)\",ipxe.efi\n" +
            $"pxe-service=tag:ipxe,x86PC,\"CoreosDsl\",{boot}\n" +
            $"pxe-service=tag:ipxe,X86-64_EFI,\"CoreosDsl\",{boot}\n" +
            "enable-tftp\n" +
            "tftp-root=/var/lib/tftpboot\n" +
            "log-dhcp\n";
    }

    /// <summary>The file at <paramref name="relativePath"/> ('/'-separated) in <paramref name="folder"/>.</summary>
    private static string PathIn(string folder, string relativePath) => Path.Combine(folder, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes through <see cref="AtomicFile"/>, so that a reader sees the old file or the new one, never a partial one.</summary>
    private static void WriteAtomically(string folder, string relativePath, Action<Stream> write)
    {
        var target = PathIn(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        AtomicFile.Write(target, stream => write(stream));
    }
}
