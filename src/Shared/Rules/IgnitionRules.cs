namespace CoreosDsl.Rules;

/// <summary>
/// What changes when a worker is provisioned by Ignition instead of coreos-cloudinit (CDSL261, CDSL262), shared by
/// the analyzer and the mapping to Ignition at run time.
/// </summary>
internal static class IgnitionRules
{
    /// <summary>
    /// CDSL261: Ignition cannot run <c>command: start</c>; it enables the unit through a systemd preset, which does
    /// nothing for a unit without an [Install] section.
    /// </summary>
    public static RuleFinding? CheckStarted(UnitFacts unit, object? origin)
    {
        if (unit.Command != "start" || !unit.HasContent || !unit.ContentKnown || unit.Name is null
            || unit.Lines.Any(l => l.Section == "Install"))
        {
            return null;
        }

        return new RuleFinding(RuleCatalog.StartedUnitWithoutInstall, origin ?? unit.NameOrigin, unit.Name);
    }

    /// <summary>
    /// CDSL262 for a section of <c>coreos</c> that Flatcar's Ignition has no form for, or null when it has one.
    /// </summary>
    /// <param name="key">The key under <c>coreos</c> (<c>fleet</c>, <c>etcd</c>, <c>etcd2</c>, <c>flannel</c>, <c>oem</c>).</param>
    /// <param name="origin">Where the finding points.</param>
    public static RuleFinding? CheckCoreosKey(string key, object? origin)
    {
        var replacement = key switch
        {
            "fleet" => "Flatcar does not ship fleet; run the workloads as systemd units, or with Kubernetes",
            "etcd" or "etcd2" => "Flatcar runs etcd v3 as etcd-member.service; configure it with c.EtcdMember(e => e.Name(...).InitialClusterMember(...)), which writes its drop-in of ETCD_* variables for both outputs",
            "flannel" => "Flatcar runs flannel as a container; deploy it with its manifest or a unit",
            "oem" => "write /etc/oem-release as a file with .WithIgnition(...)",
            _ => null,
        };
        return replacement is null ? null : NoForm("coreos." + key, replacement, origin);
    }

    /// <summary>CDSL262 for <paramref name="what"/>, with the replacement to use instead.</summary>
    public static RuleFinding NoForm(string what, string replacement, object? origin) =>
        new(RuleCatalog.NoIgnitionForm, origin, what, replacement);
}
