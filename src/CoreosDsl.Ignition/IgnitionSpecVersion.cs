namespace CoreosDsl.Ignition;

/// <summary>The Ignition spec version a config is written in.</summary>
public enum IgnitionSpecVersion
{
    /// <summary>3.3.0: what Butane's <c>flatcar</c> 1.0.0 variant produces and every Flatcar release applies (the default).</summary>
    V3_3_0,

    /// <summary>
    /// 3.4.0: what Butane's <c>flatcar</c> 1.1.0 variant produces (Ignition 2.15 and later): adds <c>arn:</c> S3
    /// sources, LUKS <c>discard</c> and <c>openOptions</c>, and tang <c>advertisement</c>.
    /// </summary>
    V3_4_0,
}

/// <summary>The text of <see cref="IgnitionSpecVersion"/> values.</summary>
public static class IgnitionSpecVersionText
{
    /// <summary>The version as <c>ignition.version</c> holds it (<c>3.4.0</c>).</summary>
    /// <param name="version">The version.</param>
    /// <returns>The text.</returns>
    public static string Format(IgnitionSpecVersion version) => version switch
    {
        IgnitionSpecVersion.V3_3_0 => "3.3.0",
        IgnitionSpecVersion.V3_4_0 => "3.4.0",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "not an IgnitionSpecVersion"),
    };

    /// <summary>The value for <paramref name="text"/> (<c>3.4.0</c>), or null when no value is that version.</summary>
    /// <param name="text">A spec version.</param>
    /// <returns>The value, or null.</returns>
    public static IgnitionSpecVersion? Parse(string text) => text switch
    {
        "3.3.0" => IgnitionSpecVersion.V3_3_0,
        "3.4.0" => IgnitionSpecVersion.V3_4_0,
        _ => null,
    };
}
