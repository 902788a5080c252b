namespace CoreosDsl.Systemd;

/// <summary>How strongly a target systemd version rejects a directive.</summary>
public enum DeprecationLevel
{
    /// <summary>The target systemd reads the directive as documented.</summary>
    None,

    /// <summary>Deprecated at the target version: still read, but to be replaced (CDSL101, a warning).</summary>
    Deprecated,

    /// <summary>Ignored or refused at the target version: writing it has no effect (CDSL102, an error).</summary>
    Ignored,
}

/// <summary>
/// The one place that turns a directive's deprecation (the schema's <c>deprecated=</c>, <c>ignored=</c>,
/// <c>because=</c> and <c>use=</c>, carried by <c>SystemdDeprecatedAttribute</c>) into a level and a message
/// for a target systemd version. The analyzer (CDSL101/CDSL102) and the importer use it, so both say the same.
/// </summary>
public static class DirectiveDeprecation
{
    /// <summary>The systemd version a project targets when it sets no <c>CoreosDslSystemdVersion</c>.</summary>
    public const int DefaultTargetVersion = 252;

    /// <summary>The level at <paramref name="target"/>; a version of 0 means "not at any version".</summary>
    public static DeprecationLevel LevelAt(int deprecated, int ignored, int target) =>
        ignored > 0 && target >= ignored ? DeprecationLevel.Ignored
        : deprecated > 0 && target >= deprecated ? DeprecationLevel.Deprecated
        : DeprecationLevel.None;

    /// <summary>
    /// The message at <paramref name="target"/>: <c>CPUShares=: deprecated v252 (cgroup v1), ignored since v258
    /// (target: systemd 252). Use CPUWeight= instead.</c>; empty when the directive is fine at that version.
    /// </summary>
    public static string Message(string directive, int deprecated, int ignored, string? because, string? use, int target)
    {
        var instead = use is null ? "" : $" Use {use} instead.";
        return LevelAt(deprecated, ignored, target) switch
        {
            DeprecationLevel.Ignored => $"{directive}=: {because ?? "ignored since v" + ignored} (target: systemd {target}, which ignores it).{instead}",
            DeprecationLevel.Deprecated => $"{directive}=: {because ?? "deprecated since v" + deprecated} (target: systemd {target}).{instead}",
            _ => "",
        };
    }
}
