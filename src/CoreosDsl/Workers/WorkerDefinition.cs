using System.Text.RegularExpressions;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;

namespace CoreosDsl;

/// <summary>
/// One worker: its name, its cloud-config tree and how it boots. Immutable: the <c>With</c> methods return a
/// changed copy, so shared definitions can be varied per worker.
/// </summary>
public sealed partial class WorkerDefinition
{
    internal WorkerDefinition(string name, ConfigMapping cloudConfig, BootSettings boot, IReadOnlyList<string>? macAddresses = null,
        IReadOnlyList<Guid>? uuids = null, IReadOnlyDictionary<string, string>? labels = null, IgnitionSettings? ignition = null)
    {
        if (NameProblem(name) is { } problem)
        {
            throw new ArgumentException($"\"{name}\" is {problem}", nameof(name));
        }

        Name = name;
        CloudConfig = cloudConfig;
        Boot = boot;
        MacAddresses = macAddresses ?? [];
        Uuids = uuids ?? [];
        Labels = labels ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
        Ignition = ignition ?? IgnitionSettings.None;
    }

    /// <summary>Why <paramref name="name"/> is not a valid worker name, or null when it is.</summary>
    internal static string? NameProblem(string name) => DnsLabel().IsMatch(name)
        ? null
        : "not a valid worker name: use 1 to 63 letters, digits and '-', not starting or ending with '-'";

    /// <summary>The worker's name (also its output folder).</summary>
    public string Name { get; }

    /// <summary>The cloud-config tree.</summary>
    public ConfigMapping CloudConfig { get; }

    /// <summary>How the worker boots from its medium.</summary>
    public BootSettings Boot { get; }

    /// <summary>MAC addresses of the machine, so that a config server can recognise it.</summary>
    public IReadOnlyList<string> MacAddresses { get; }

    /// <summary>SMBIOS system UUIDs of the machine (iPXE's <c>${uuid}</c>), so that a network-boot server can recognise it.</summary>
    public IReadOnlyList<Guid> Uuids { get; }

    /// <summary>
    /// Labels a network-boot request may select the worker by (matchbox's selectors): a request whose query carries
    /// every one of them, with these values, gets this worker. Sorted by key.
    /// </summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>A copy with other boot settings.</summary>
    public WorkerDefinition WithBoot(Func<BootSettings, BootSettings> change) => new(Name, CloudConfig, change(Boot), MacAddresses, Uuids, Labels, Ignition);

    /// <summary>A copy that fetches its cloud-config from <paramref name="url"/> (<c>cloud-config-url=</c>).</summary>
    public WorkerDefinition WithConfigUrl([CloudConfigFormat("url")] Uri url) => WithBoot(b => b with { ConfigUrl = url });

    /// <summary>A copy recognised by these MAC addresses (<c>aa:bb:cc:dd:ee:ff</c>).</summary>
    public WorkerDefinition WithMacAddresses(params string[] macAddresses) =>
        new(Name, CloudConfig, Boot, macAddresses.Select(NormalizeMac).ToArray(), Uuids, Labels, Ignition);

    /// <summary>A copy recognised by these SMBIOS system UUIDs (<c>${uuid}</c> in iPXE, <c>dmidecode -s system-uuid</c>).</summary>
    /// <exception cref="ArgumentException">A value is not a UUID.</exception>
    public WorkerDefinition WithUuids(params string[] uuids) =>
        new(Name, CloudConfig, Boot, MacAddresses, uuids.Select(u => Guid.TryParse(u, out var g)
            ? g
            : throw new ArgumentException($"\"{u}\" is not a UUID (4c4c4544-0058-3410-8058-b4c04f4e3232)", nameof(uuids))).ToArray(), Labels, Ignition);

    /// <summary>
    /// A copy with the label <paramref name="key"/>=<paramref name="value"/>: a network-boot request whose query has
    /// <c>key=value</c> (with the worker's other labels) selects this worker, as matchbox's group selectors do.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not a query-parameter name of letters, digits, '-', '_' and '.', or is reserved.</exception>
    public WorkerDefinition WithLabel(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!LabelKey().IsMatch(key) || key is "mac" or "uuid" or "hostname")
        {
            throw new ArgumentException($"\"{key}\" cannot be a label: use letters, digits, '-', '_' and '.' (mac, uuid and hostname are matched already)", nameof(key));
        }

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Labels)
        {
            labels[k] = v;
        }

        labels[key] = value;
        return new(Name, CloudConfig, Boot, MacAddresses, Uuids, labels, Ignition);
    }

    /// <summary>The cloud-config YAML, exactly as written to <c>cloud-config.yml</c>.</summary>
    public string ToYaml() => CloudConfigYaml.Write(CloudConfig);

    /// <summary>The <c>syslinux.cfg</c> that boots this worker.</summary>
    public string ToSyslinuxConfig() => SyslinuxConfig.Write(Boot);

    /// <summary>
    /// Every file the worker produces, by path relative to its output folder: <c>cloud-config.yml</c> and/or
    /// <c>ignition.json</c> (see <see cref="Provisioning"/>), each unit with content as <c>units/NAME</c> (drop-ins as
    /// <c>units/NAME.d/DROPIN</c>), and <c>syslinux.cfg</c>.
    /// </summary>
    public WorkerFiles Files()
    {
        var files = new List<KeyValuePair<string, string>>();
        if (Provisioning.HasFlag(Provisioning.CloudConfig))
        {
            files.Add(new("cloud-config.yml", ToYaml()));
        }

        if (Provisioning.HasFlag(Provisioning.Ignition))
        {
            files.Add(new("ignition.json", ToIgnitionJson()));
        }

        foreach (var (name, content) in UnitContents())
        {
            files.Add(new("units/" + name, content));
        }

        files.Add(new("syslinux.cfg", ToSyslinuxConfig()));
        return new WorkerFiles(files);
    }

    /// <summary>The units of <c>coreos.units</c> that carry content, and their drop-ins, in order.</summary>
    public IEnumerable<(string Name, string Content)> UnitContents()
    {
        if (!CloudConfig.TryGet("coreos", out var coreos) || coreos is not ConfigMapping c
            || !c.TryGet("units", out var units) || units is not ConfigSequence list)
        {
            yield break;
        }

        foreach (var item in list.OfType<ConfigMapping>())
        {
            var name = (item.TryGet("name", out var n) ? n as ConfigScalar : null)?.Value;
            if (name is null)
            {
                continue;
            }

            if (item.TryGet("content", out var content) && content is ConfigScalar { Value.Length: > 0 } text)
            {
                yield return (name, text.Value);
            }

            if (item.TryGet("drop_ins", out var dropIns) && dropIns is ConfigSequence dropInList)
            {
                foreach (var dropIn in dropInList.OfType<ConfigMapping>())
                {
                    if (dropIn.TryGet("name", out var dn) && dn is ConfigScalar dropName
                        && dropIn.TryGet("content", out var dc) && dc is ConfigScalar dropContent)
                    {
                        yield return ($"{name}.d/{dropName.Value}", dropContent.Value);
                    }
                }
            }
        }
    }

    /// <summary>Runs the cloud-config validator on what this worker emits.</summary>
    public ValidationReport ValidateCloudConfig(CloudConfigDialect dialect = CloudConfigDialect.Flatcar) =>
        CloudConfigValidator.Validate(ToYaml(), dialect);

    /// <summary>
    /// Checks the worker as built: the cloud-config validator's findings on the emitted YAML, and the runtime
    /// twin of the compile-time analyzers for values computed at run time (same IDs as the compiler's).
    /// </summary>
    public IReadOnlyList<WorkerDiagnostic> Validate(CloudConfigDialect dialect = CloudConfigDialect.Flatcar)
    {
        var findings = new List<WorkerDiagnostic>();
        foreach (var entry in Provisioning.HasFlag(Provisioning.CloudConfig) ? ValidateCloudConfig(dialect).Entries : [])
        {
            var severity = entry.Severity switch
            {
                ValidationSeverity.Error => WorkerDiagnosticSeverity.Error,
                ValidationSeverity.Warning => WorkerDiagnosticSeverity.Warning,
                _ => WorkerDiagnosticSeverity.Info,
            };
            findings.Add(new WorkerDiagnostic(entry.RuleId, severity, entry.Message, $"cloud-config.yml:{entry.Line}"));
        }

        findings.AddRange(WorkerRules.Check(this, dialect));
        if (Provisioning.HasFlag(Provisioning.Ignition))
        {
            findings.AddRange(IgnitionFindings());
        }

        return findings;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string NormalizeMac(string mac)
    {
        var hex = mac.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (hex.Length != 12 || !hex.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"\"{mac}\" is not a MAC address (aa:bb:cc:dd:ee:ff)", nameof(mac));
        }

        return string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2)));
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex LabelKey();
}
