namespace CoreosDsl.Ignition;

/// <summary>
/// Marks a generated Ignition builder method whose key exists only from a later spec version (the <c>since=</c>
/// attribute of <c>ignition.schema</c>), so that the CoreosDsl analyzers report its use in a config of an older
/// version (CDSL263); the worker reports the same at run time.
/// </summary>
/// <param name="version">The first spec version with the key, such as <c>3.4.0</c>.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class IgnitionSinceAttribute(string version) : Attribute
{
    /// <summary>The first spec version with the key.</summary>
    public string Version { get; } = version;
}
