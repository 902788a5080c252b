using CoreosDsl.Ignition;
using CoreosDsl.Ignition.Validation;
using CoreosDsl.Rules;

namespace CoreosDsl;

/// <summary>The Ignition side of a worker: one definition, cloud-config and/or Ignition output.</summary>
public sealed partial class WorkerDefinition
{
    /// <summary>The provisioning choice and the Ignition-only settings.</summary>
    public IgnitionSettings Ignition { get; }

    /// <summary>Which configs the worker emits (cloud-config unless chosen otherwise).</summary>
    public Provisioning Provisioning => Ignition.Provisioning;

    /// <summary>A copy that emits <paramref name="provisioning"/>: cloud-config, Ignition, or both.</summary>
    /// <param name="provisioning">The configs to emit.</param>
    /// <returns>The copy.</returns>
    public WorkerDefinition WithProvisioning(Provisioning provisioning) =>
        new(Name, CloudConfig, Boot with { IgnitionFirstBoot = provisioning.HasFlag(Provisioning.Ignition) }, MacAddresses, Uuids, Labels,
            Ignition with { Provisioning = provisioning });

    /// <summary>
    /// A copy that also emits an Ignition config, with settings only Ignition has (disks, partitions, filesystems,
    /// RAID, LUKS, remote files with verification, links, kernel arguments) added after the shared definition's.
    /// </summary>
    /// <param name="configure">The Ignition-only settings.</param>
    /// <returns>The copy; its <see cref="Provisioning"/> includes <see cref="CoreosDsl.Provisioning.Ignition"/>.</returns>
    public WorkerDefinition WithIgnition(Action<IgnitionConfigBuilder>? configure = null) =>
        new(Name, CloudConfig, Boot with { IgnitionFirstBoot = true }, MacAddresses, Uuids, Labels, new IgnitionSettings(
            Ignition.Provisioning | Provisioning.Ignition,
            configure is null ? Ignition.Extras : [.. Ignition.Extras, configure]) { Spec = Ignition.Spec });

    /// <summary>
    /// A copy whose <c>ignition.json</c> is written in spec <paramref name="version"/>. 3.3.0 (the default) is what
    /// Butane's flatcar 1.0.0 writes and every Flatcar release applies; 3.4.0 (Butane flatcar 1.1.0, Ignition 2.15 and
    /// later) adds <c>arn:</c> S3 sources, LUKS <c>Discard</c> and <c>OpenOptions</c>, and tang <c>Advertisement</c>,
    /// which are CDSL263 errors in a 3.3.0 worker.
    /// </summary>
    /// <param name="version">The spec version.</param>
    /// <returns>The copy.</returns>
    public WorkerDefinition WithIgnitionSpec(IgnitionSpecVersion version) =>
        new(Name, CloudConfig, Boot, MacAddresses, Uuids, Labels, Ignition with { Spec = version });

    /// <summary>
    /// A copy that fetches its Ignition config from <paramref name="url"/>: <c>ignition.config.url=URL</c> and
    /// <c>flatcar.first_boot=1</c> on the kernel line (<c>serve</c> answers at <c>/NAME/ignition.json</c> and at this URL's path).
    /// </summary>
    /// <param name="url">An http(s) URL.</param>
    /// <returns>The copy; its <see cref="Provisioning"/> includes <see cref="CoreosDsl.Provisioning.Ignition"/>.</returns>
    public WorkerDefinition WithIgnitionConfigUrl([IgnitionFormat("url")] Uri url) =>
        WithIgnition().WithBoot(b => b with { IgnitionConfigUrl = url });

    /// <summary>
    /// What a <c>config-2</c> config drive carries in <c>openstack/latest/user_data</c>: the Ignition JSON when the
    /// worker is provisioned by Ignition (what Flatcar reads first), else the cloud-config YAML.
    /// </summary>
    /// <returns>The user data.</returns>
    public string ConfigDriveUserData() => Provisioning.HasFlag(Provisioning.Ignition) ? ToIgnitionJson() : ToYaml();

    /// <summary>The Ignition config: the shared definition mapped to Ignition, then the Ignition-only settings.</summary>
    /// <returns>The config.</returns>
    /// <exception cref="InvalidOperationException">The config uses a key or URL of a later spec than the worker's (CDSL263); the message names the fix.</exception>
    public IgnitionConfig ToIgnition()
    {
        var config = BuildIgnition();
        if (SpecFindings(config).FirstOrDefault() is { } finding)
        {
            throw new InvalidOperationException($"worker '{Name}': {finding.Rule.Id}: {finding.Message}");
        }

        return config;
    }

    private IgnitionConfig BuildIgnition()
    {
        var (config, _) = IgnitionMapping.Map(CloudConfig, Ignition.Spec);
        foreach (var extra in Ignition.Extras)
        {
            config.Configure(extra);
        }

        return config;
    }

    /// <summary>CDSL263: what the config uses beyond the worker's spec version.</summary>
    private static IEnumerable<RuleFinding> SpecFindings(IgnitionConfig config) =>
        IgnitionSpecCheck.Check(config.Root).Select(p => new RuleFinding(RuleCatalog.IgnitionSpecTooOld, null, p.What, p.Since, p.Version, p.Member));

    /// <summary>The Ignition config as written to <c>ignition.json</c>: compact, deterministic JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToIgnitionJson() => ToIgnition().ToJson();

    /// <summary>What the mapping to Ignition reports: started units without [Install] (CDSL261), settings without an Ignition form (CDSL262).</summary>
    private IEnumerable<WorkerDiagnostic> IgnitionFindings() =>
        IgnitionMapping.Map(CloudConfig, Ignition.Spec).Findings.Concat(SpecFindings(BuildIgnition())).Select(f => new WorkerDiagnostic(
            f.Rule.Id,
            f.Rule.Severity == RuleSeverity.Error ? WorkerDiagnosticSeverity.Error : WorkerDiagnosticSeverity.Warning,
            f.Message,
            f.Origin as string ?? Name));
}
