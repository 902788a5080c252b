namespace CoreosDsl.CloudConfig;

/// <summary>
/// Marks a <see cref="string"/> parameter of a generated cloud-config builder with the format of its key (the
/// <c>format=</c> and <c>valid=</c> attributes of <c>cloud-config.schema</c>), so that the CoreosDsl analyzers check
/// constant arguments at compile time; <c>worker.Validate()</c> applies the same checks at run time.
/// </summary>
/// <remarks>
/// Formats: <c>url</c>, <c>url-list</c> (one URL per argument), <c>hostname</c>, <c>ssh-public-key</c>,
/// <c>absolute-path</c>, <c>file-mode</c>, <c>unit-name</c>, <c>drop-in-name</c>, and any other format of the
/// schema, which is checked only by its <see cref="Pattern"/>.
/// </remarks>
/// <param name="format">The key's format.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class CloudConfigFormatAttribute(string format) : Attribute
{
    /// <summary>The format name.</summary>
    public string Format { get; } = format;

    /// <summary>The regular expression coreos-cloudinit's validator checks the value with, if any.</summary>
    public string? Pattern { get; set; }
}
