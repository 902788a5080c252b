namespace CoreosDsl;

/// <summary>
/// How a worker boots from its medium: the syslinux/isolinux label, kernel, initrd and kernel command line.
/// The defaults are the seed's <c>syslinux.cfg</c> for the stock CoreOS ISO.
/// </summary>
public sealed record BootSettings
{
    /// <summary>The syslinux label (<c>coreos</c>).</summary>
    public string Label { get; init; } = "coreos";

    /// <summary>The kernel path on the medium (<c>/coreos/vmlinuz</c>).</summary>
    public string Kernel { get; init; } = "/coreos/vmlinuz";

    /// <summary>The initrd path on the medium (<c>/coreos/cpio.gz</c>).</summary>
    public string Initrd { get; init; } = "/coreos/cpio.gz";

    /// <summary>Where the machine fetches its cloud-config (<c>cloud-config-url=</c>), or null.</summary>
    public Uri? ConfigUrl { get; init; }

    /// <summary>Where the machine fetches its Ignition config (<c>ignition.config.url=</c>), or null.</summary>
    public Uri? IgnitionConfigUrl { get; init; }

    /// <summary>
    /// Provision with Ignition on this boot (<c>flatcar.first_boot=1</c>): set for workers whose provisioning includes
    /// Ignition, so that Flatcar runs Ignition from the stock image's first boot.
    /// </summary>
    public bool IgnitionFirstBoot { get; init; }

    /// <summary>Read the cloud-config from a <c>config-2</c> config drive (<c>coreos.configdrive=1</c>).</summary>
    public bool ConfigDrive { get; init; }

    /// <summary>Further kernel arguments, after the initrd (<c>coreos.autologin</c> by default, as in the seed).</summary>
    public IReadOnlyList<string> KernelArguments { get; init; } = ["coreos.autologin"];

    /// <summary>Show the boot prompt (the seed's <c>prompt 1</c>).</summary>
    public bool Prompt { get; init; } = true;

    /// <summary>How long the prompt waits before booting, in tenths of a second (the seed's <c>timeout 15</c>).</summary>
    public int TimeoutTenths { get; init; } = 15;

    /// <summary>A serial console for syslinux and the kernel (<c>SERIAL 0 115200</c>, <c>console=ttyS0,115200</c>), or null.</summary>
    public int? SerialPort { get; init; }

    /// <summary>The whole kernel command line after the kernel: initrd, arguments and the config source.</summary>
    public string AppendLine()
    {
        var words = new List<string> { "initrd=" + Initrd };
        words.AddRange(KernelArguments);
        if (SerialPort is { } port)
        {
            words.Add($"console=ttyS{port},115200");
        }

        if (ConfigDrive)
        {
            words.Add("coreos.configdrive=1");
        }

        if (ConfigUrl is not null)
        {
            words.Add("cloud-config-url=" + ConfigUrl.OriginalString);
        }

        if (IgnitionConfigUrl is not null)
        {
            words.Add("ignition.config.url=" + IgnitionConfigUrl.OriginalString);
        }

        if (IgnitionFirstBoot)
        {
            words.Add("flatcar.first_boot=1");
        }

        foreach (var word in words)
        {
            if (word.Length == 0 || word.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"kernel argument \"{word}\" is empty or contains white space");
            }
        }

        return string.Join(' ', words);
    }
}
