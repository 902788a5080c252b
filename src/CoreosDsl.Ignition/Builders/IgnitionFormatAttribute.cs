namespace CoreosDsl.Ignition;

/// <summary>
/// Marks a <see cref="string"/> parameter of a generated Ignition builder with the format of its key (the
/// <c>format=</c> attribute of <c>ignition.schema</c>), so that the CoreosDsl analyzers check constant arguments at
/// compile time; the builder checks the same at run time (<see cref="IgnitionFormats.Problem"/>).
/// </summary>
/// <param name="format">The key's format: <c>path</c>, <c>url</c>, <c>hash</c>, <c>mode</c>, <c>unit-name</c>,
/// <c>drop-in-name</c>, <c>ssh-public-key</c>.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class IgnitionFormatAttribute(string format) : Attribute
{
    /// <summary>The format name.</summary>
    public string Format { get; } = format;
}
