namespace CoreosDsl;

/// <summary>What a worker is provisioned with on first boot; one definition can emit both.</summary>
[Flags]
public enum Provisioning
{
    /// <summary>A cloud-config for coreos-cloudinit (<c>cloud-config.yml</c>): CoreOS Container Linux, or Flatcar's cloudinit.</summary>
    CloudConfig = 1,

    /// <summary>An Ignition v3 config (<c>ignition.json</c>): what Flatcar reads first today.</summary>
    Ignition = 2,

    /// <summary>Both files from the one definition.</summary>
    Both = CloudConfig | Ignition,
}
