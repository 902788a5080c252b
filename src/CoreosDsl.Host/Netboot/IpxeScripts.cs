using System.Text;

namespace CoreosDsl.Host.Netboot;

/// <summary>
/// The iPXE scripts of a network boot: <c>boot.ipxe</c>, which every machine loads first, the script of each worker
/// (kernel, initrd, kernel arguments) and the script of a machine no worker matches. Text only, shared by
/// <c>serve</c> and <c>build --netboot</c>; deterministic, with '\n' line ends (iPXE accepts both).
/// </summary>
internal static class IpxeScripts
{
    /// <summary>
    /// <c>boot.ipxe</c>: chains to the machine's own script by its MAC address (<c>${mac:hexhyp}</c>), passing its
    /// SMBIOS UUID and DHCP host name for servers that match on them. Relative URLs, so that the same file works
    /// from <c>serve</c> and from any static web server (which ignores the query); a machine whose script does not
    /// exist (a static server's 404) gets <c>ipxe/unknown.ipxe</c>, which explains.
    /// </summary>
    public static string Boot() =>
        "#!ipxe\n" +
        "# CoreosDsl: find this machine's worker by its MAC address (serve also matches UUID, host name and labels).\n" +
        $"chain {NetbootPaths.ScriptFolder}/${{mac:hexhyp}}.ipxe?uuid=${{uuid}}&hostname=${{hostname}} || " +
        $"chain {NetbootPaths.UnknownScript}?mac=${{mac:hexhyp}}&uuid=${{uuid}}&hostname=${{hostname}}\n";

    /// <summary>The script that boots <paramref name="worker"/> from the kernel and initrd under <paramref name="baseUrl"/>.</summary>
    public static string Machine(WorkerDefinition worker, Uri baseUrl)
    {
        var kernel = new Uri(baseUrl, NetbootPaths.Asset(worker.Boot.Kernel));
        var initrd = new Uri(baseUrl, NetbootPaths.Asset(worker.Boot.Initrd));
        return new StringBuilder()
            .Append("#!ipxe\n")
            .Append($"echo CoreosDsl: booting worker {worker.Name}\n")
            .Append($"kernel {kernel.AbsoluteUri} {NetbootPaths.KernelArguments(worker, baseUrl)}\n")
            .Append($"initrd {initrd.AbsoluteUri}\n")
            .Append("boot\n")
            .ToString();
    }

    /// <summary>
    /// The script of a machine no worker matches: it prints what the machine sent and which workers exist, then stops
    /// at the iPXE shell, instead of a 404 after which iPXE tries the next boot device and comes back in a loop.
    /// </summary>
    /// <param name="identity">What identifies the machine: literal values (serve) or iPXE variables such as <c>${mac}</c> (a static export).</param>
    /// <param name="workers">The workers there are.</param>
    public static string Unknown(string identity, IReadOnlyList<WorkerDefinition> workers)
    {
        var text = new StringBuilder()
            .Append("#!ipxe\n")
            .Append($"echo CoreosDsl: no worker matches this machine ({identity}).\n");
        const int listed = 20;
        text.Append(workers.Count == 0 ? "echo This server has no workers.\n" : $"echo Known workers ({workers.Count}):\n");
        foreach (var worker in workers.Take(listed))
        {
            var keys = worker.MacAddresses.Select(m => "mac " + m)
                .Concat(worker.Uuids.Select(u => "uuid " + u.ToString("D")))
                .Concat(worker.Labels.Select(l => $"{l.Key}={l.Value}"))
                .ToList();
            text.Append($"echo   {worker.Name}: {(keys.Count == 0 ? "matched by host name only" : Escape(string.Join(", ", keys)))}\n");
        }

        if (workers.Count > listed)
        {
            text.Append($"echo   ... and {workers.Count - listed} more\n");
        }

        return text
            .Append("echo Give the worker this machine's MAC address (.WithMacAddresses), UUID (.WithUuids) or labels (.WithLabel), then boot it again.\n")
            .Append("shell\n")
            .ToString();
    }

    /// <summary>A value printed as is: iPXE expands <c>${...}</c> anywhere on a line, so the brace is set apart.</summary>
    public static string Escape(string text) => text.Replace("${", "$ {", StringComparison.Ordinal).Replace('\n', ' ');
}
