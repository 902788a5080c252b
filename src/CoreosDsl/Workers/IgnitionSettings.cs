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
    /// <summary>The spec version of <c>ignition.json</c>: 3.3.0 (Butane flatcar 1.0.0) unless chosen with <c>WithIgnitionSpec</c>.</summary>
    public IgnitionSpecVersion Spec { get; init; } = IgnitionSpecVersion.V3_3_0;

    /// <summary>cloud-config only, nothing for Ignition: what a worker is until it chooses.</summary>
    public static IgnitionSettings None { get; } = new(Provisioning.CloudConfig, []);
}
