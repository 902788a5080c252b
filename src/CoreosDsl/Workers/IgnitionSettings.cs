using CoreosDsl.Ignition;

namespace CoreosDsl;

/// <summary>
/// A worker's provisioning choice and the Ignition-only settings added with <c>WithIgnition</c> (disks, filesystems,
/// remote files, ...), applied in order after the settings mapped from the shared definition.
/// </summary>
/// <param name="Provisioning">Which configs the worker emits.</param>
/// <param name="Extras">The Ignition settings beyond the shared definition.</param>
public sealed record IgnitionSettings(Provisioning Provisioning, IReadOnlyList<Action<IgnitionConfigBuilder>> Extras)
{
    /// <summary>cloud-config only, nothing for Ignition: what a worker is until it chooses.</summary>
    public static IgnitionSettings None { get; } = new(Provisioning.CloudConfig, []);
}
