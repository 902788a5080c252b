namespace CoreosDsl.Host.Netboot;

/// <summary>
/// Where each netboot file lives, relative to the server's base URL. <c>serve</c> answers these paths and
/// <c>build --netboot</c> writes files at the same paths, so that one <c>boot.ipxe</c> works with both.
/// </summary>
internal static class NetbootPaths
{
    /// <summary>The script a PXE/iPXE client is pointed at first.</summary>
    public const string BootScript = "boot.ipxe";

    /// <summary>The folder of the per-machine scripts.</summary>
    public const string ScriptFolder = "ipxe";

    /// <summary>The script of a machine no worker matches, in a static export.</summary>
    public const string UnknownScript = ScriptFolder + "/unknown.ipxe";

    /// <summary>The folder of the kernel and initrd taken from the stock image.</summary>
    public const string AssetFolder = "assets";

    /// <summary>The per-machine script of a MAC address: <c>ipxe/52-54-00-c0-de-01.ipxe</c> (iPXE's <c>${mac:hexhyp}</c>).</summary>
    public static string MachineScript(string normalizedMac) => $"{ScriptFolder}/{normalizedMac.Replace(':', '-')}.ipxe";

    /// <summary>The path of a file of the stock image under <c>assets/</c>: <c>/coreos/vmlinuz</c> → <c>assets/coreos/vmlinuz</c>.</summary>
    public static string Asset(string imagePath) => $"{AssetFolder}/{imagePath.TrimStart('/')}";

    /// <summary>The cloud-config of a worker, relative to the base URL: where serve answers it and build writes it.</summary>
    public static string CloudConfig(WorkerDefinition worker) => $"{worker.Name}/cloud-config.yml";

    /// <summary>The Ignition config of a worker, relative to the base URL: where serve answers it and build writes it.</summary>
    public static string IgnitionConfig(WorkerDefinition worker) => $"{worker.Name}/ignition.json";

    /// <summary>
    /// The worker's kernel command line for a network boot: its own arguments, <c>initrd=</c> naming the initrd as
    /// iPXE names it (the file name of its URL), and the URLs of the configs it is provisioned with on
    /// <paramref name="baseUrl"/>: <c>cloud-config-url=</c> for cloud-config, <c>ignition.config.url=</c> and
    /// <c>flatcar.first_boot=1</c> for Ignition, both for both. The one place a network boot chooses its config URLs;
    /// a config drive does not exist on a network boot, so it is dropped.
    /// </summary>
    public static string KernelArguments(WorkerDefinition worker, Uri baseUrl) =>
        (worker.Boot with
        {
            Initrd = Path.GetFileName(worker.Boot.Initrd),
            ConfigDrive = false,
            ConfigUrl = worker.Provisioning.HasFlag(Provisioning.CloudConfig) ? new Uri(baseUrl, CloudConfig(worker)) : null,
            IgnitionConfigUrl = worker.Provisioning.HasFlag(Provisioning.Ignition) ? new Uri(baseUrl, IgnitionConfig(worker)) : null,
            IgnitionFirstBoot = worker.Provisioning.HasFlag(Provisioning.Ignition),
        }).AppendLine();
}
