using CoreosDsl.CloudConfig;

namespace CoreosDsl;

/// <summary>Defines workers: one machine's cloud-config, units and boot settings.</summary>
public static class Worker
{
    /// <summary>
    /// Defines the worker <paramref name="name"/> by configuring its cloud-config with the typed builders.
    /// </summary>
    /// <param name="name">The worker's name: a DNS label (letters, digits, '-'); also the output folder name.</param>
    /// <param name="configure">Sets the cloud-config (<c>w.Coreos(...).SshAuthorizedKeys(...)</c>).</param>
    /// <exception cref="ArgumentException">The name is not a DNS label.</exception>
    public static WorkerDefinition Define(string name, Action<CloudConfigBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new CloudConfigBuilder();
        configure(builder);
        return new WorkerDefinition(name, builder.Node, new BootSettings());
    }
}
