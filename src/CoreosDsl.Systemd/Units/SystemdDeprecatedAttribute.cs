namespace CoreosDsl.Systemd;

/// <summary>
/// Marks a generated builder method whose directive systemd deprecated or stopped reading, with the versions from
/// the schema. What it means depends on the systemd version a project targets (<c>CoreosDslSystemdVersion</c>):
/// the CoreosDsl analyzer reports a call as CDSL101 (a warning) from <see cref="Deprecated"/> on and as CDSL102
/// (an error) from <see cref="Ignored"/> on; before that the call is fine. See <see cref="DirectiveDeprecation"/>.
/// </summary>
/// <param name="directive">The directive the method writes (<c>CPUShares</c>).</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SystemdDeprecatedAttribute(string directive) : Attribute
{
    /// <summary>The directive the method writes.</summary>
    public string Directive { get; } = directive;

    /// <summary>The systemd version that deprecated the directive; 0 when only <see cref="Ignored"/> is known.</summary>
    public int Deprecated { get; set; }

    /// <summary>The systemd version from which the directive is ignored or refused; 0 while systemd still reads it.</summary>
    public int Ignored { get; set; }

    /// <summary>The schema's reason (<c>deprecated v252 (cgroup v1), ignored since v258</c>), or null.</summary>
    public string? Because { get; set; }

    /// <summary>What to write instead (<c>CPUWeight=</c>), or null.</summary>
    public string? Use { get; set; }

    /// <summary>How a project that targets systemd <paramref name="target"/> sees the directive.</summary>
    public DeprecationLevel LevelAt(int target) => DirectiveDeprecation.LevelAt(Deprecated, Ignored, target);

    /// <summary>The diagnostic's text for a project that targets systemd <paramref name="target"/>.</summary>
    public string MessageAt(int target) => DirectiveDeprecation.Message(Directive, Deprecated, Ignored, Because, Use, target);
}
